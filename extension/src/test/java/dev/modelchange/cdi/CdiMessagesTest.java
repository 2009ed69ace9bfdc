package dev.modelchange.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue's shape: one code per method, in this package's ranges, written in front of the text. */
class CdiMessagesTest {
  @Test
  void eachMessageHasItsOwnCodeInThePackagesRangesAndStartsWithIt() throws Exception {
    Set<Integer> codes = new HashSet<>();
    List<Method> messages = Arrays.stream(CdiMessages.class.getDeclaredMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()).toList();
    assertThat(messages).isNotEmpty();
    for (Method m : messages) {
      MessageCode code = m.getAnnotation(MessageCode.class);
      assertThat(code).as(m.getName()).isNotNull();
      assertThat(codes.add(code.value())).as("code %d used twice", code.value()).isTrue();
      assertThat(code.value()).as(m.getName()).satisfiesAnyOf(c -> assertThat(c).isEqualTo(5),
          c -> assertThat(c).isBetween(10, 19), c -> assertThat(c).isBetween(90, 99),
          c -> assertThat(c).isBetween(110, 119));
      Object message = m.invoke(null, arguments(m));
      assertThat(message instanceof Throwable t ? t.getMessage() : (String) message).as(m.getName())
          .startsWith(String.format("MODELCHANGE-%03d ", code.value()));
    }
  }

  private static Object[] arguments(Method m) {
    List<Object> arguments = new ArrayList<>();
    for (Class<?> type : m.getParameterTypes()) {
      arguments.add(type == int.class ? 1 : type == List.class ? List.of("x")
          : type == Exception.class ? new Exception("x") : "x");
    }
    return arguments.toArray();
  }
}
