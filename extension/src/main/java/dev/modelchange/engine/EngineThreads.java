package dev.modelchange.engine;

import java.util.concurrent.ThreadFactory;

/** How the engine makes its threads: from the container's factory when it gives one, named where it may. */
final class EngineThreads {
  private EngineThreads() {}

  /** {@code threads}, or one that makes daemon threads. */
  static ThreadFactory orDaemon(ThreadFactory threads) {
    return threads != null ? threads : r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    };
  }

  /** A thread of {@code threads}, named {@code name} where the container lets us rename it. */
  static Thread named(ThreadFactory threads, Runnable r, String name) {
    Thread t = threads.newThread(r);
    try {
      t.setName(name);
    } catch (SecurityException e) {
      // a container's thread keeps its own name
    }
    return t;
  }
}
