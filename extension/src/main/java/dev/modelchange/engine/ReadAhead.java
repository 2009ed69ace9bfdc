package dev.modelchange.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A value read on a short-lived thread of the engine's factory, ahead of when it is needed: a stream's start
 * position, read before the stream's own thread runs. When the container holds that helper thread back too (Open
 * Liberty runs its managed threads only once the application has started), the value is read on the caller's
 * thread instead, so that it is there before the application's start-up code writes anything.
 *
 * @param <T> what is read
 */
final class ReadAhead<T> {
  /** How long the helper may take to begin before the caller reads the value itself. */
  private static final long HELPER_START_WAIT_MILLIS = 500;

  private final Supplier<T> read;
  private final CompletableFuture<T> value = new CompletableFuture<>();
  private final CountDownLatch began = new CountDownLatch(1);

  /** Starts reading on a thread of {@code threads} named {@code name}. */
  ReadAhead(Supplier<T> read, ThreadFactory threads, String name) {
    this.read = read;
    Thread helper = EngineThreads.named(threads, () -> {
      began.countDown();
      value.complete(read.get());
    }, name);
    helper.setDaemon(true);
    helper.start();
  }

  /**
   * The value, if it arrives before {@code deadlineNanos} ({@link System#nanoTime()}); null otherwise.
   */
  T get(long deadlineNanos) throws InterruptedException {
    if (!began.await(HELPER_START_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
      value.complete(read.get());
    }
    try {
      return value.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
