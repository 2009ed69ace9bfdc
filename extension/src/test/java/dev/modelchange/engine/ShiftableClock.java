package dev.modelchange.engine;

import java.time.Duration;

/**
 * The system's clock, which a test can move forward (to pass a minute without waiting for it); with
 * {@link #skippingWaits()}, every wait of a watcher (backoff, idle polls) moves it forward instead of waiting.
 */
final class ShiftableClock implements EngineClock {
  private final boolean skipWaits;
  private volatile long offsetNanos;

  ShiftableClock() {
    this(false);
  }

  private ShiftableClock(boolean skipWaits) {
    this.skipWaits = skipWaits;
  }

  /** A clock on which waits take no real time (a millisecond, to let other threads run). */
  static ShiftableClock skippingWaits() {
    return new ShiftableClock(true);
  }

  synchronized void advance(Duration by) {
    offsetNanos += by.toNanos();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime() + offsetNanos;
  }

  @Override
  public void await(Object monitor, long millis) throws InterruptedException {
    if (skipWaits) {
      advance(Duration.ofMillis(millis));
      monitor.wait(1);
    } else {
      monitor.wait(millis);
    }
  }
}
