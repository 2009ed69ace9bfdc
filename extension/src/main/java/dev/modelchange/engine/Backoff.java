package dev.modelchange.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter between reconnection attempts: {@code initial * multiplier^n}, spread by
 * {@code ±jitter}, capped so that once at {@code max} there is at most one attempt per {@code max} (the jitter
 * then only lengthens the wait). {@link #reset()} when a stream opens again.
 *
 * <p>Hand-written rather than a retry library's: the watcher's loop retries forever and restarts the sequence
 * whenever a cursor opens, which is these few lines, not a policy object around a call.
 */
final class Backoff {
  private final double initialMillis;
  private final double maxMillis;
  private final double multiplier;
  private final double jitter;
  private final DoubleSupplier random;
  private int attempt;

  Backoff(Duration initial, Duration max, double multiplier, double jitter) {
    this(initial, max, multiplier, jitter, () -> ThreadLocalRandom.current().nextDouble());
  }

  Backoff(Duration initial, Duration max, double multiplier, double jitter, DoubleSupplier random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.multiplier = multiplier;
    this.jitter = jitter;
    this.random = random;
  }

  /** The wait before the next attempt. */
  Duration next() {
    double base = Math.min(maxMillis, initialMillis * Math.pow(multiplier, attempt));
    attempt = Math.min(attempt + 1, 1_000);
    double r = random.getAsDouble();
    double millis = base >= maxMillis
        ? maxMillis * (1 + jitter * r)
        : base * (1 + jitter * (2 * r - 1));
    return Duration.ofMillis(Math.round(millis));
  }

  /** Starts again from the initial delay. */
  void reset() {
    attempt = 0;
  }
}
