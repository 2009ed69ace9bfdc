package dev.modelchange.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health package's catalogue: one method per code, every code in its range 150-159, none used twice. */
class HealthMessagesTest {
  @Test
  void everyMessageHasItsOwnCodeInTheRangeOfThePackage() {
    List<Integer> codes = Arrays.stream(HealthMessages.class.getDeclaredMethods())
        .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic())
        .map(HealthMessagesTest::code).toList();

    assertThat(codes).isNotEmpty().doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).isBetween(150, 159));
  }

  static int code(Method m) {
    MessageCode code = m.getAnnotation(MessageCode.class);
    return code == null ? -1 : code.value();
  }
}
