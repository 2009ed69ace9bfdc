package dev.modelchange.tck.listeners;

/** Counts ModelChange's watcher threads of a collection: one per server cursor. */
public final class WatcherThreads {
  private WatcherThreads() {}

  /** Live threads named {@code modelchange-<db>.<collection>} (any shape suffix). */
  public static long of(String fullCollectionName) {
    String prefix = "modelchange-" + fullCollectionName;
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.equals(prefix) || n.startsWith(prefix + "["))
        .count();
  }
}
