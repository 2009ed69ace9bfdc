package dev.modelchange.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Renews the engine's leases in the background, each a third of its duration before it would lapse, on one
 * thread of the engine's thread factory (made with the first lease). A lease lost to another holder is handed to
 * its listener.
 */
final class LeaseRenewals implements AutoCloseable {
  private final ThreadFactory threads;
  private final Set<StreamLease> leases = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService scheduler;

  LeaseRenewals(ThreadFactory threads) {
    this.threads = threads;
  }

  /** Renews {@code lease} from now on, every third of its duration; {@code lost} hears when it is lost. */
  synchronized void keep(StreamLease lease, Consumer<StreamLease> lost) {
    if (!leases.add(lease)) {
      return;
    }
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(
          r -> EngineThreads.named(threads, r, "modelchange-leases"));
    }
    long period = Math.max(1, lease.duration().toMillis() / 3);
    scheduler.scheduleWithFixedDelay(() -> {
      if (!lease.renew()) {
        lost.accept(lease);
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code task} every {@code period} on the same thread, from one period from now; a period under a
   * millisecond (half of a {@code lease.duration} of 1 ms, a quarter of an {@code instance.expire-after} of 3 ms)
   * counts as one, which the scheduler, unlike zero, accepts.
   */
  synchronized void every(java.time.Duration period, Runnable task) {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(
          r -> EngineThreads.named(threads, r, "modelchange-leases"));
    }
    long millis = Math.max(1, period.toMillis());
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        StreamMessages.housekeepingFailed(e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code task} once on the renewals' thread (after what that thread is doing now) and waits for it at most
   * {@code wait}; true if it ended in time. Without a thread (no lease was ever kept), runs it here.
   */
  boolean runWithin(Runnable task, java.time.Duration wait) {
    Future<?> done;
    synchronized (this) {
      if (scheduler == null || scheduler.isShutdown()) {
        task.run();
        return true;
      }
      done = scheduler.submit(task);
    }
    try {
      done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true; // it ended, failing: the task's own concern
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
