package dev.modelchange.logging;

/** The shape every message of the library shares: {@code MODELCHANGE-0nn text}. */
public final class Messages {
  private Messages() {}

  /** {@code text} with its code in front, as every log line and exception message of ModelChange starts. */
  public static String coded(int code, String text) {
    return String.format("MODELCHANGE-%03d %s", code, text);
  }
}
