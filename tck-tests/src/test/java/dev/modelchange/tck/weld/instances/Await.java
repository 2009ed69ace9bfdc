package dev.modelchange.tck.weld.instances;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling waits on files and stores. */
final class Await {
  private Await() {}

  /** Waits until {@code done}, else fails with {@code failure}. */
  static void orFail(Duration timeout, BooleanSupplier done, String failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(failure);
      }
      AppProcess.sleep(100);
    }
  }

  /** Waits until {@code done} or the time-out, whichever first: the assertions after it tell what is missing. */
  static void quietly(Duration timeout, BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      AppProcess.sleep(200);
    }
  }
}
