package dev.modelchange.testsupport;

import java.time.Duration;

/** How long a test waits for something that happens on another thread (a change reaching an observer). */
public final class Waits {
  /**
   * The time a test gives an asynchronous outcome before it fails: far above what it takes (milliseconds), so that
   * a slow, shared machine never makes a passing test fail; a wait is ended by its condition, never by this time.
   */
  public static final Duration WAIT = Duration.ofSeconds(10);

  private Waits() {}
}
