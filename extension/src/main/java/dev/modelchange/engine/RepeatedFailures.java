package dev.modelchange.engine;

import java.util.concurrent.TimeUnit;

/**
 * Keeps one receiver's failures from flooding the log: the first failure of a series is logged with its stack
 * trace, repeats are summarised with a count at most once a {@link #SUMMARY_INTERVAL_NANOS minute}, and the
 * first success after failures ends the series. Thread-safe; the success path costs one volatile read.
 */
final class RepeatedFailures {
  static final long SUMMARY_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** What to log about a failure. */
  enum Report {
    /** The first of a series: log it whole. */
    FIRST,
    /** A repeat, and a minute has passed since the last line: log {@link #unreported()} repeats as a count. */
    SUMMARY,
    /** A repeat within the minute: log nothing (it is counted). */
    QUIET
  }

  private final EngineClock clock;
  private volatile boolean failing;
  private long lastLineNanos;
  private long unreported;
  private long series;

  RepeatedFailures(EngineClock clock) {
    this.clock = clock;
  }

  /** Records a failure; says what to log. */
  synchronized Report failed() {
    series++;
    long now = clock.nanoTime();
    if (!failing) {
      failing = true;
      lastLineNanos = now;
      unreported = 0;
      return Report.FIRST;
    }
    unreported++;
    if (now - lastLineNanos >= SUMMARY_INTERVAL_NANOS) {
      lastLineNanos = now;
      return Report.SUMMARY;
    }
    return Report.QUIET;
  }

  /** The repeats counted since the last line; read after {@link Report#SUMMARY}, then cleared. */
  synchronized long unreported() {
    long n = unreported;
    unreported = 0;
    return n;
  }

  /**
   * Records a success.
   *
   * @return the number of failures in the series it ends, or 0 when there was none
   */
  long succeeded() {
    if (!failing) {
      return 0;
    }
    synchronized (this) {
      failing = false;
      long n = series;
      series = 0;
      return n;
    }
  }
}
