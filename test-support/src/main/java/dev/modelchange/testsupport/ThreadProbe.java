package dev.modelchange.testsupport;

import java.util.function.Predicate;

/** Counts live threads by name: how a test sees that workers started, and that they all ended. */
public final class ThreadProbe {
  private ThreadProbe() {}

  /** Live threads whose name starts with {@code prefix}. */
  public static long countStartingWith(String prefix) {
    return count(name -> name.startsWith(prefix));
  }

  /** Live threads whose name matches {@code name}. */
  public static long count(Predicate<String> name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name)
        .count();
  }
}
