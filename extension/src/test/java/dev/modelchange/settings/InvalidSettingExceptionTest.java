package dev.modelchange.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelchange.InvalidSettingException;
import dev.modelchange.InvalidSettingException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message users read when start-up fails on configuration: one sentence per value, all values at once. */
class InvalidSettingExceptionTest {

  @Test
  void oneProblemReadsAsOneSentence() {
    InvalidSettingException e = new InvalidSettingException("modelchange.retry.max-delay", "soon", "a duration");

    assertThat(e).hasMessage("MODELCHANGE-020 Invalid value \"soon\" for modelchange.retry.max-delay: expected a "
        + "duration. Fix the configuration property modelchange.retry.max-delay.");
    assertThat(e.key()).isEqualTo("modelchange.retry.max-delay");
    assertThat(e.problems()).containsExactly(new Problem("modelchange.retry.max-delay", "soon", "a duration"));
  }

  @Test
  void severalProblemsAreListedInOneMessageAndTheFirstIsTheKey() {
    InvalidSettingException e = new InvalidSettingException(List.of(
        new Problem("modelchange.retry.jitter", "2", "a number from 0.0 to 1.0"),
        new Problem("modelchange.group", "a/b", "a non-empty name without '/'")));

    assertThat(e).hasMessage("MODELCHANGE-020 2 configuration values are invalid; fix these configuration "
        + "properties:\n"
        + " - Invalid value \"2\" for modelchange.retry.jitter: expected a number from 0.0 to 1.0.\n"
        + " - Invalid value \"a/b\" for modelchange.group: expected a non-empty name without '/'.");
    assertThat(e.key()).isEqualTo("modelchange.retry.jitter");
    assertThat(e.problems()).extracting(Problem::key).containsExactly("modelchange.retry.jitter",
        "modelchange.group");
  }

  @Test
  void theProblemsCannotBeChangedAfterwards() {
    InvalidSettingException e = new InvalidSettingException("k", "v", "x");

    assertThatThrownBy(() -> e.problems().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anExceptionWithoutProblemIsAProgrammingError() {
    assertThatThrownBy(() -> new InvalidSettingException(List.of())).isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(InvalidSettingException.class);
  }
}
