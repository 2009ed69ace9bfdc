package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The store package's catalogue: one method per code, each code once, in the package's ranges. */
class StoreMessagesTest {

  @Test
  void everyMessageHasItsOwnCodeInTheRangesOfThePackage() {
    List<Method> messages = Arrays.stream(StoreMessages.class.getDeclaredMethods())
        .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic())
        .collect(Collectors.toList());
    List<Integer> codes = messages.stream()
        .map(m -> m.getAnnotation(MessageCode.class))
        .map(code -> code == null ? -1 : code.value())
        .collect(Collectors.toList());

    assertThat(codes).doesNotHaveDuplicates()
        .allSatisfy(code -> assertThat(code).satisfiesAnyOf(
            c -> assertThat(c).isBetween(55, 59), c -> assertThat(c).isBetween(170, 189)));
  }
}
