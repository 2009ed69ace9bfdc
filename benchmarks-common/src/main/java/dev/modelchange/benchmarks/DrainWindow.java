package dev.modelchange.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The measured part of one drain: from event {@code n/10} to the last (the first tenth warms the consumer's
 * thread and is left out, for ModelChange and the raw loop alike). Records wall time and the consuming thread's
 * CPU time at both ends: events per wall second is the figure asked for; events per CPU second of the consuming
 * thread is the same cost with the time the thread spent descheduled (other processes on a shared machine)
 * taken out. Single writer: the consuming thread. Shared by the benchmarks on Weld SE and on Quarkus.
 */
public final class DrainWindow {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final int n;
  private final int from;
  private int count;
  private long wallFrom;
  private long wallTo;
  private long cpuFrom;
  private long cpuTo;
  private long bytesFrom;
  private long bytesTo;

  /** A window of {@code n} events. */
  public DrainWindow(int n) {
    this.n = n;
    this.from = n / 10;
  }

  /** Records one arrival; returns true when it was the last expected. */
  public boolean arrived() {
    int i = count++;
    if (i == from) {
      wallFrom = System.nanoTime();
      cpuFrom = THREADS.getCurrentThreadCpuTime();
      bytesFrom = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    } else if (i == n - 1) {
      wallTo = System.nanoTime();
      cpuTo = THREADS.getCurrentThreadCpuTime();
      bytesTo = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
      return true;
    }
    return false;
  }

  /** Events arrived so far. */
  public int count() {
    return count;
  }

  /** Events per second of wall time. */
  public double rate() {
    return (n - 1 - from) / ((wallTo - wallFrom) / 1e9);
  }

  /** Bytes allocated by the consuming thread per event. */
  public double bytesPerEvent() {
    return (bytesTo - bytesFrom) / (double) (n - 1 - from);
  }

  /** Events per second of the consuming thread's CPU time. */
  public double cpuRate() {
    return (n - 1 - from) / ((cpuTo - cpuFrom) / 1e9);
  }
}
