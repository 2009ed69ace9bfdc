package dev.modelchange.tck.weld.instances;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/** Waits on the processes' receipt files and on the store, with Awaitility; each says what it waited for. */
final class Await {
  private static final Duration POLL = Duration.ofMillis(100);

  private Await() {}

  /** Waits until {@code done}, else fails with {@code failure}. */
  static void orFail(Duration timeout, BooleanSupplier done, String failure) {
    await(failure).atMost(timeout).pollInterval(POLL).until(done::getAsBoolean);
  }

  /** Waits until {@code done} or the time-out, whichever first: the assertions after it tell what is missing. */
  static void quietly(Duration timeout, BooleanSupplier done) {
    try {
      await().atMost(timeout).pollInterval(POLL).until(done::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      // the caller's assertions name what did not arrive, with the counts
    }
  }

  /**
   * Returns once {@code stays} has held for {@code period} without a break (proof of an absence: a save that does
   * not come), or, when it broke, after twice the period and 5 s: the caller's assertion on the value then says
   * what changed.
   */
  static void holds(Duration period, BooleanSupplier stays) {
    try {
      await().during(period).atMost(period.multipliedBy(2).plusSeconds(5)).pollInterval(POLL)
          .until(stays::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      // the caller's assertion on the value read next says what changed
    }
  }
}
