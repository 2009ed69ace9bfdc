package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine's background chores with periods derived from settings: a period under a millisecond (half of a
 * {@code lease.duration} of 1 ms, a quarter of an {@code instance.expire-after} of 1 ms to 3 ms, both valid
 * values) still runs, every millisecond, instead of failing the engine's start.
 */
class LeaseRenewalsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aPeriodUnderAMillisecondRunsEveryMillisecond() {
    AtomicInteger runs = new AtomicInteger();
    try (LeaseRenewals renewals = new LeaseRenewals(Executors.defaultThreadFactory())) {
      renewals.every(Duration.ofMillis(3).dividedBy(4), runs::incrementAndGet);

      await().atMost(WAIT).until(() -> runs.get() >= 2);
    }
    assertThat(runs.get()).isGreaterThanOrEqualTo(2);
  }
}
