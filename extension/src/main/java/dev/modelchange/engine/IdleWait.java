package dev.modelchange.engine;

import java.util.concurrent.TimeUnit;

/**
 * How long a watcher waits in the process after an empty poll. Only a server that does not await data needs it
 * (the in-JVM one: its getMore returns at once); on real MongoDB the getMore itself waits, up to
 * {@code maxAwaitTime}, and there is no wait here at all. While the stream is busy (an event within the last
 * {@link #QUIET_NANOS}), every empty poll waits the shortest time, so that an event written between two events is
 * seen within that time; only after a quiet period does the wait double, up to the longest, so that an idle stream
 * costs a few polls per second. The watcher's thread only.
 */
final class IdleWait {
  /** A getMore that returns sooner than this came back without awaiting data: wait in the process instead. */
  static final long EARLY_RETURN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** How long without events before the wait grows. */
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final long MIN_MILLIS = 5;
  static final long MAX_MILLIS = 100;

  private final EngineClock clock;
  private long lastEventNanos;
  private long backoffMillis = MIN_MILLIS;

  IdleWait(EngineClock clock) {
    this.clock = clock;
    this.lastEventNanos = clock.nanoTime();
  }

  /** The stream delivered an event: it is busy again. */
  void eventArrived() {
    lastEventNanos = clock.nanoTime();
    backoffMillis = MIN_MILLIS;
  }

  /**
   * How long to wait after a poll that started at {@code pollStartedNanos} and returned nothing: 0 when the server
   * awaited data; the shortest wait while the stream is busy; else a wait that doubles with each empty poll.
   */
  long afterEmptyPoll(long pollStartedNanos) {
    long now = clock.nanoTime();
    if (now - pollStartedNanos >= EARLY_RETURN_NANOS) {
      return 0;
    }
    if (now - lastEventNanos < QUIET_NANOS) {
      return MIN_MILLIS;
    }
    long wait = backoffMillis;
    backoffMillis = Math.min(backoffMillis * 2, MAX_MILLIS);
    return wait;
  }
}
