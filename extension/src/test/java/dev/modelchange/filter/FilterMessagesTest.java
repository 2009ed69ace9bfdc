package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class FilterMessagesTest {
  private static List<Method> catalogue() {
    return Arrays.stream(FilterMessages.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(MessageCode.class)).toList();
  }

  @Test
  void eachCodeIsUsedByOneMessageOnlyAndWithinThePackagesRanges() {
    Map<Integer, List<String>> byCode = new HashMap<>();
    for (Method m : catalogue()) {
      byCode.computeIfAbsent(m.getAnnotation(MessageCode.class).value(), c -> new ArrayList<>()).add(m.getName());
    }
    assertThat(byCode).as("codes of FilterMessages").isNotEmpty();
    byCode.forEach((code, methods) -> {
      assertThat(methods).as("methods with code %d", code).hasSize(1);
      assertThat(code).as("code of %s", methods).matches(c -> c >= 30 && c <= 39 || c >= 130 && c <= 139,
          "in 030-039 or 130-139");
    });
  }

  @Test
  void everyExceptionCarriesTheCodeOfItsMethod() throws Exception {
    for (Method m : catalogue()) {
      if (!Throwable.class.isAssignableFrom(m.getReturnType())) {
        continue; // a log message: its own test checks the text
      }
      assertThat(Modifier.isStatic(m.getModifiers())).as("%s is static", m.getName()).isTrue();
      Object[] args = Arrays.stream(m.getParameterTypes()).map(FilterMessagesTest::sample).toArray();
      Throwable t = (Throwable) m.invoke(null, args);
      int code = m.getAnnotation(MessageCode.class).value();
      assertThat(t).as(m.getName()).isInstanceOf(IllegalArgumentException.class);
      assertThat(t.getMessage()).as(m.getName()).startsWith(String.format("MODELCHANGE-%03d ", code));
    }
  }

  private static Object sample(Class<?> type) {
    if (type == String.class) {
      return "a.b";
    }
    if (type == int.class) {
      return 100;
    }
    if (type == char.class) {
      return 'z';
    }
    if (BsonValue.class.isAssignableFrom(type)) {
      return new BsonInt32(5);
    }
    if (Throwable.class.isAssignableFrom(type)) {
      return new IllegalStateException("sample");
    }
    throw new AssertionError("no sample argument of type " + type);
  }
}
