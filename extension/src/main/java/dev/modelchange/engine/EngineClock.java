package dev.modelchange.engine;

/**
 * Time as the watchers see it: a clock to measure with and a wait that a stop request ends early. Tests give a
 * clock that moves forward by each wait instead of waiting, so backoff and policy tests never wait real seconds.
 */
interface EngineClock {
  /** The system's: {@link System#nanoTime()} and {@link Object#wait(long)}. */
  EngineClock SYSTEM = new EngineClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void await(Object monitor, long millis) throws InterruptedException {
      monitor.wait(millis);
    }
  };

  /** Now, for measuring intervals, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Waits up to {@code millis} on {@code monitor}, which the caller holds; a notification on it ends the wait.
   */
  void await(Object monitor, long millis) throws InterruptedException;
}
