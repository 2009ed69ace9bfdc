package dev.modelchange.tck.listeners;

import dev.modelchange.testsupport.ThreadProbe;

/** Counts ModelChange's watcher threads of a collection: one per server cursor. */
public final class WatcherThreads {
  private WatcherThreads() {}

  /** Live threads named {@code modelchange-<db>.<collection>} (any shape suffix). */
  public static long of(String fullCollectionName) {
    String prefix = "modelchange-" + fullCollectionName;
    return ThreadProbe.count(n -> n.equals(prefix) || n.startsWith(prefix + "["));
  }
}
