package dev.modelchange.engine;

import dev.modelchange.StreamState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A watcher's thread and its {@link StreamState}, under one monitor: state changes, stop requests, waits for a
 * state, and the watcher's own waits (backoff, idle polls, back-pressure), which a stop request ends early.
 */
final class StreamLifecycle {
  private final Object monitor = new Object();
  private final EngineClock clock;
  private StreamState state = StreamState.STARTING;
  /** When the stream entered its state, on the wall clock (for health checks: how long it has been retrying). */
  private Instant stateSince = Instant.now();
  private boolean began;
  private volatile Thread thread;

  StreamLifecycle(EngineClock clock) {
    this.clock = clock;
  }

  /** The monitor that waits and stop requests meet on. */
  Object monitor() {
    return monitor;
  }

  /** Starts {@code work} on a thread of {@code threads} named {@code name}. */
  void start(ThreadFactory threads, Runnable work, String name) {
    Thread t = EngineThreads.named(threads, () -> {
      synchronized (monitor) {
        began = true;
        monitor.notifyAll();
      }
      work.run();
    }, name);
    thread = t;
    t.start();
  }

  StreamState state() {
    synchronized (monitor) {
      return state;
    }
  }

  /** Moves to {@code next}, unless the stream is ending and {@code next} would undo that. */
  void moveTo(StreamState next) {
    synchronized (monitor) {
      if (!(state.isEnding() && next.compareTo(state) < 0)) {
        if (next != state) {
          stateSince = Instant.now();
        }
        state = next;
      }
      monitor.notifyAll();
    }
  }

  boolean isEnding() {
    synchronized (monitor) {
      return state.isEnding();
    }
  }

  /** When the stream entered its current state. */
  Instant stateSince() {
    synchronized (monitor) {
      return stateSince;
    }
  }

  /**
   * Whether the thread is alive, or has not begun to run yet (a container may hold it back until the application
   * has started); false once it has ended, however it ended.
   */
  boolean workerAlive() {
    Thread t = thread;
    synchronized (monitor) {
      if (!began) {
        return true;
      }
    }
    return t != null && t.isAlive();
  }

  /** Waits until the state is one of {@code wanted}, or the stream ends, or the timeout passes. */
  StreamState await(Duration timeout, StreamState... wanted) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (!List.of(wanted).contains(state) && !state.isEnding() && deadline - System.nanoTime() > 0) {
        TimeUnit.NANOSECONDS.timedWait(monitor, deadline - System.nanoTime());
      }
      return state;
    }
  }

  /** Whether the thread began to run within the timeout: a container may hold it back (Open Liberty does). */
  boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (!began && deadline - System.nanoTime() > 0) {
        TimeUnit.NANOSECONDS.timedWait(monitor, deadline - System.nanoTime());
      }
      return began;
    }
  }

  /** Waits up to {@code millis} on the engine's clock, unless the stream is ending; an interrupt ends it. */
  void sleep(long millis) {
    synchronized (monitor) {
      if (state.isEnding()) {
        return;
      }
      try {
        clock.await(monitor, millis);
      } catch (InterruptedException e) {
        if (state != StreamState.STOPPING) {
          stateSince = Instant.now();
        }
        state = StreamState.STOPPING;
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Asks the thread to stop and waits for it, interrupting it if it does not end in time.
   *
   * @return false if the thread is still alive
   */
  boolean stop(Duration timeout) {
    moveTo(StreamState.STOPPING);
    if (!awaitEnd(System.nanoTime() + timeout.toNanos())) {
      interrupt();
      awaitEnd(System.nanoTime() + timeout.toNanos());
    }
    return !isAlive();
  }

  /** Waits until the thread has ended or {@code deadline} (System.nanoTime) has passed; true if it ended. */
  boolean awaitEnd(long deadline) {
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return true;
    }
    try {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(t, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }

  /** Interrupts the thread: what it waits on (a server, a store, a receiver) gives up. */
  void interrupt() {
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
  }

  boolean isAlive() {
    Thread t = thread;
    return t != null && t.isAlive();
  }
}
