package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/** The filter catalogue's exceptions carry their method's code (codes and ranges: MessageCatalogueTest). */
class FilterMessagesTest {
  private static List<Method> catalogue() {
    return Arrays.stream(FilterMessages.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(MessageCode.class)).toList();
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
