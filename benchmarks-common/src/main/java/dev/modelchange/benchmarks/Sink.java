package dev.modelchange.benchmarks;

/**
 * Where observers and listeners put what they receive, so that no delivery is optimised away: a plain store to
 * a volatile field (a few nanoseconds), and a counter that the harness reads to check that every event arrived.
 * Observers and listeners run on one watcher thread at a time, so the counter is a plain field written by that
 * thread and read by others after a happens-before edge (the volatile store).
 */
public final class Sink {
  private static volatile Object last;
  private static long count;

  private Sink() {}

  public static void consume(Object o) {
    count++;
    last = o;
  }

  /** Deliveries so far. */
  public static long count() {
    Object ignored = last; // read the volatile first: the count written before it is visible
    return count;
  }

  public static void reset() {
    count = 0;
    last = null;
  }
}
