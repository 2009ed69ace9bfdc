package dev.modelchange;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Configuration values that ModelChange cannot use. The message names each key, its value (hidden where it may hold
 * a secret) and what is expected; when several values are invalid, it lists them all, so that one restart fixes
 * them all.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 2L;

  /**
   * One value that cannot be used.
   *
   * @param key the configuration key
   * @param value its value as the message shows it ({@code (hidden)} for a secret)
   * @param expected what the key accepts, worded to follow "expected"
   */
  public record Problem(String key, String value, String expected) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Problem {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(expected, "expected");
    }
  }

  /** The problems, in the order of the configuration table; never empty. */
  private final List<Problem> problems;

  /** A value of {@code key} that is not {@code expected}. */
  public InvalidSettingException(String key, String value, String expected) {
    this(List.of(new Problem(key, value, expected)));
  }

  /**
   * Every value that cannot be used.
   *
   * @param problems at least one
   */
  public InvalidSettingException(List<Problem> problems) {
    super(ApiMessages.invalidValues(problems));
    this.problems = List.copyOf(problems);
  }

  /** The (first) configuration key at fault. */
  public String key() {
    return problems.get(0).key();
  }

  /** Every value at fault, the first being that of {@link #key()}. */
  public List<Problem> problems() {
    return problems;
  }
}
