package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void growsByTheMultiplierThenStaysAtLeastTheMaximum() {
    Backoff middle = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2, () -> 0.5);
    assertThat(middle.next()).isEqualTo(Duration.ofMillis(100));
    assertThat(middle.next()).isEqualTo(Duration.ofMillis(200));
    assertThat(middle.next()).isEqualTo(Duration.ofMillis(400));
    assertThat(middle.next()).isEqualTo(Duration.ofMillis(800));
    // capped: jitter only lengthens the wait, so at most one attempt per max-delay
    assertThat(middle.next()).isEqualTo(Duration.ofMillis(1100));
    middle.reset();
    assertThat(middle.next()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void jitterSpreadsEachDelay() {
    Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2, () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2, () -> 1.0);
    assertThat(low.next()).isEqualTo(Duration.ofMillis(80));
    assertThat(high.next()).isEqualTo(Duration.ofMillis(120));
  }
}
