package dev.modelchange.engine;

import java.time.Duration;

/** Time that moves only when the test moves it (or by each wait of a watcher): policy tests never race real time. */
final class ManualClock implements EngineClock {
  private volatile long nanos;

  synchronized void advance(Duration by) {
    nanos += by.toNanos();
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public void await(Object monitor, long millis) {
    advance(Duration.ofMillis(millis));
  }
}
