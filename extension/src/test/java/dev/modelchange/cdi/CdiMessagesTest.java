package dev.modelchange.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue's texts: each starts with its method's code (codes and ranges: MessageCatalogueTest). */
class CdiMessagesTest {
  @Test
  void eachMessageStartsWithItsOwnCode() throws Exception {
    List<Method> messages = Arrays.stream(CdiMessages.class.getDeclaredMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()).toList();
    assertThat(messages).isNotEmpty();
    for (Method m : messages) {
      MessageCode code = m.getAnnotation(MessageCode.class);
      assertThat(code).as(m.getName()).isNotNull();
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
