package dev.modelchange;

/** A configuration value that ModelChange cannot use; the message names the key, the value and what is expected. */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /** A value of {@code key} that is not {@code expected}. */
  public InvalidSettingException(String key, String value, String expected) {
    super("MODELCHANGE-020 Invalid value \"" + value + "\" for " + key + ": expected " + expected
        + ". Fix the configuration property " + key + ".");
    this.key = key;
  }

  /** The configuration key at fault. */
  public String key() {
    return key;
  }
}
