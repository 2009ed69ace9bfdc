package dev.modelchange.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics package's catalogue: one method per code, every code in its range 160-169, none used twice. */
class MetricsMessagesTest {
  @Test
  void everyMessageHasItsOwnCodeInTheRangeOfThePackage() {
    List<Integer> codes = Arrays.stream(MetricsMessages.class.getDeclaredMethods())
        .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic())
        .map(m -> m.getAnnotation(MessageCode.class)).map(c -> c == null ? -1 : c.value()).toList();

    assertThat(codes).isNotEmpty().doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).isBetween(160, 169));
  }
}
