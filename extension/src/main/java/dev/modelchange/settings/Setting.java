package dev.modelchange.settings;

import com.mongodb.ConnectionString;
import com.mongodb.MongoNamespace;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One configuration key, declared once: its name, its default, how its text is read and checked, and what it
 * means, in the manner of Debezium's {@code Field.create(...).withDefault(...).withValidation(...)}.
 * {@link SettingsTable} lists every one; {@link EngineSettings} reads them, {@link ConfigKeys} names them and the
 * README's configuration table is checked against them.
 *
 * <p>A default is either a literal, read by the same parser as a configured value (so a default always passes its
 * own check), or words for a default computed elsewhere (the URI's database, the host name), {@code (unset)} when
 * neither is given. Values are trimmed and a blank value counts as not set, except for {@link #verbatim()} ones.
 * Immutable.
 *
 * @param <T> the type of the value
 */
final class Setting<T> {
  /** What a key that takes a model's class name writes in place of the name. */
  static final String CLASS_PLACEHOLDER = "<class>";

  /**
   * The longest duration any key accepts, a year: far from what {@link Duration#toNanos()} holds (292 years), so
   * that deadlines ({@code System.nanoTime() + d.toNanos()}) and millisecond waits never overflow.
   */
  static final Duration MAX_DURATION = Duration.ofDays(365);

  /** The first instant a change stream can start at: {@code startAtOperationTime} counts unsigned 32-bit seconds. */
  static final Instant FIRST_START = Instant.EPOCH;

  /** The last instant a change stream can start at. */
  static final Instant LAST_START = Instant.ofEpochSecond(0xFFFF_FFFFL);

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern SQL_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  /** Reads a configured text into a value. */
  @FunctionalInterface
  interface Parser<T> {
    /**
     * The value {@code text} stands for.
     *
     * @param text trimmed and not blank, unless the setting is verbatim
     * @throws Rejected when the setting does not accept it
     */
    T parse(String text) throws Rejected;
  }

  /** A text that a setting does not accept; the detail, when there is one, adds to what the setting expects. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected() {
      this(null);
    }

    Rejected(String detail) {
      super(detail, null, false, false);
    }
  }

  private final String key;
  private final String expected;
  private final Parser<T> parser;
  private final String defaultLiteral;
  private final T defaultValue;
  private final String defaultWords;
  private final String meaning;
  private final boolean hidden;
  private final boolean verbatim;

  private Setting(String key, String expected, Parser<T> parser, String defaultLiteral, T defaultValue,
      String defaultWords, String meaning, boolean hidden, boolean verbatim) {
    this.key = Objects.requireNonNull(key, "key");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.defaultLiteral = defaultLiteral;
    this.defaultValue = defaultValue;
    this.defaultWords = defaultWords;
    this.meaning = meaning;
    this.hidden = hidden;
    this.verbatim = verbatim;
  }

  /**
   * A key whose text {@code parser} reads.
   *
   * @param expected what the key accepts, worded to follow "expected" in {@code MODELCHANGE-020}
   */
  static <T> Setting<T> of(String key, String expected, Parser<T> parser) {
    return new Setting<>(key, expected, parser, null, null, null, null, false, false);
  }

  /** {@code true} or {@code false}, in any case. */
  static Setting<Boolean> bool(String key) {
    return of(key, "true or false", text -> {
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
      }
      throw new Rejected();
    });
  }

  /** Any text. */
  static Setting<String> text(String key) {
    return of(key, "a text", text -> text);
  }

  /** A name that can be part of a stream key in the token store: not empty, without {@code /}. */
  static Setting<String> name(String key) {
    // '/' and '@' separate the parts of a stream key: group@instance/db.collection/shape
    return of(key, "a non-empty name without '/' or '@'", text -> {
      if (text.isEmpty() || text.contains("/") || text.contains("@")) {
        throw new Rejected();
      }
      return text;
    });
  }

  /** One of {@code choices}, in any case; the value is the choice as written here. */
  static Setting<String> oneOf(String key, String... choices) {
    return of(key, "one of " + String.join(", ", choices), text -> {
      for (String choice : choices) {
        if (choice.equalsIgnoreCase(text)) {
          return choice;
        }
      }
      throw new Rejected();
    });
  }

  /** A constant of {@code type}, in lower-case kebab form: {@code restart-from-now} for {@code RESTART_FROM_NOW}. */
  static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type) {
    E[] constants = type.getEnumConstants();
    String choices = Arrays.stream(constants).map(Setting::kebab).collect(Collectors.joining(", "));
    return of(key, "one of " + choices, text -> {
      for (E constant : constants) {
        if (kebab(constant).equalsIgnoreCase(text)) {
          return constant;
        }
      }
      throw new Rejected();
    });
  }

  /** A duration from {@code min} to {@code max}, in ISO-8601 or short form (see {@link #parseDuration}). */
  static Setting<Duration> duration(String key, Duration min, Duration max) {
    return of(key, "a duration from " + shortForm(min) + " to " + shortForm(max)
        + ", such as 30s, 100ms, 5m or PT30S", text -> {
          Duration d = parseDuration(text).orElseThrow(Rejected::new);
          if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new Rejected();
          }
          return d;
        });
  }

  /** A whole number from {@code min} to {@code max}. */
  static Setting<Integer> integer(String key, int min, int max) {
    return of(key, "a whole number from " + min + " to " + max, text -> {
      if (!WHOLE_NUMBER.matcher(text).matches()) {
        throw new Rejected();
      }
      int i;
      try {
        i = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new Rejected();
      }
      if (i < min || i > max) {
        throw new Rejected();
      }
      return i;
    });
  }

  /** A decimal number from {@code min} to {@code max}, written plainly ({@code 2}, {@code 0.25}; no exponent). */
  static Setting<Double> decimal(String key, double min, double max) {
    return of(key, "a number from " + min + " to " + max, text -> {
      if (!DECIMAL.matcher(text).matches()) {
        throw new Rejected();
      }
      double d = Double.parseDouble(text);
      if (!(d >= min && d <= max)) {
        throw new Rejected();
      }
      return d;
    });
  }

  /** {@code now} (empty) or an instant a change stream can start at. */
  static Setting<Optional<Instant>> startInstant(String key) {
    return of(key, "now or an ISO-8601 instant such as 2026-01-31T12:00:00Z, from " + FIRST_START + " to "
        + LAST_START, text -> {
          if (text.equalsIgnoreCase("now")) {
            return Optional.empty();
          }
          Instant at;
          try {
            at = Instant.parse(text);
          } catch (DateTimeException e) {
            throw new Rejected();
          }
          if (at.isBefore(FIRST_START) || at.isAfter(LAST_START)) {
            throw new Rejected();
          }
          return Optional.of(at);
        });
  }

  /** A plain SQL identifier, safe to write into a statement as a table name. */
  static Setting<String> sqlIdentifier(String key) {
    return of(key, "a plain SQL identifier (letters, digits and _, not starting with a digit, at most 63 "
        + "characters)", text -> {
          if (!SQL_IDENTIFIER.matcher(text).matches()) {
            throw new Rejected();
          }
          return text;
        });
  }

  /** A MongoDB connection string, which the driver's own parser checks; never echoed, as it may hold a password. */
  static Setting<String> mongoUri(String key) {
    return Setting.of(key, "a MongoDB connection string", text -> {
      try {
        new ConnectionString(text);
      } catch (IllegalArgumentException e) {
        throw new Rejected(String.valueOf(e.getMessage()).replace(text, "(the URI)"));
      }
      return text;
    }).hidden();
  }

  /** A database name that MongoDB accepts, as the driver checks it. */
  static Setting<String> databaseName(String key) {
    return of(key, "a MongoDB database name", text -> {
      try {
        MongoNamespace.checkDatabaseNameValidity(text);
      } catch (IllegalArgumentException e) {
        throw new Rejected(e.getMessage());
      }
      return text;
    });
  }

  /**
   * This key with {@code literal} as its default, read like a configured value.
   *
   * @throws IllegalStateException when the key itself does not accept its default
   */
  Setting<T> withDefault(String literal) {
    T value;
    try {
      value = parser.parse(literal);
    } catch (Rejected e) {
      throw new IllegalStateException("The default \"" + literal + "\" of " + key + " is not " + expected, e);
    }
    return new Setting<>(key, expected, parser, literal, value, null, meaning, hidden, verbatim);
  }

  /** This key with a default that is computed elsewhere, described in {@code words} for the documentation. */
  Setting<T> withDefaultDescribed(String words) {
    return new Setting<>(key, expected, parser, null, null, words, meaning, hidden, verbatim);
  }

  /** This key with {@code text} as its meaning: the README's "meaning" column, in Markdown. */
  Setting<T> withMeaning(String text) {
    return new Setting<>(key, expected, parser, defaultLiteral, defaultValue, defaultWords, text, hidden, verbatim);
  }

  /** This key, whose value is never shown: in messages it reads {@code (hidden)}. */
  Setting<T> hidden() {
    return new Setting<>(key, expected, parser, defaultLiteral, defaultValue, defaultWords, meaning, true,
        verbatim);
  }

  /** This key, whose value is read as given: not trimmed, and an empty value is a value (a password). */
  Setting<T> verbatim() {
    return new Setting<>(key, expected, parser, defaultLiteral, defaultValue, defaultWords, meaning, hidden, true);
  }

  /** The key, such as {@code modelchange.retry.max-delay}; with {@link #CLASS_PLACEHOLDER} for a model's keys. */
  String key() {
    return key;
  }

  /** Whether this is a family of keys, one per model class. */
  boolean perModel() {
    return key.contains(CLASS_PLACEHOLDER);
  }

  /** The key of {@code className}, for a key {@link #perModel()}. */
  String keyFor(String className) {
    return key.replace(CLASS_PLACEHOLDER, className);
  }

  /** What the key accepts, worded to follow "expected". */
  String expected() {
    return expected;
  }

  boolean isHidden() {
    return hidden;
  }

  /** The value of the literal default; null when the default is computed elsewhere or the key is unset. */
  T defaultValue() {
    return defaultValue;
  }

  /** The literal default as written, if there is one. */
  Optional<String> defaultLiteral() {
    return Optional.ofNullable(defaultLiteral);
  }

  /** The key's text in {@code source}: trimmed and present only when not blank, unless verbatim. */
  Optional<String> textIn(Function<String, Optional<String>> source) {
    Optional<String> text = source.apply(key);
    if (text == null) {
      return Optional.empty();
    }
    return verbatim ? text : text.map(String::trim).filter(s -> !s.isEmpty());
  }

  /** The value of {@code text}; see {@link Parser#parse}. */
  T parse(String text) throws Rejected {
    return parser.parse(text);
  }

  /** {@code text} as messages may show it. */
  String shown(String text) {
    return hidden ? "(hidden)" : text;
  }

  /** The README's row for this key: {@code | `key` | default | meaning |}. */
  String markdownRow() {
    String defaultCell = defaultLiteral != null ? "`" + defaultLiteral + "`"
        : defaultWords != null ? defaultWords : "(unset)";
    return "| `" + key + "` | " + defaultCell + " | " + (meaning == null ? "" : meaning) + " |";
  }

  @Override
  public String toString() {
    return key;
  }

  /**
   * Parses a duration in ISO-8601 ({@code PT30S}) or short form ({@code 30s}, {@code 100ms}, {@code 5m},
   * {@code 2h}, {@code 7d}); empty when the text is neither or the duration overflows.
   */
  static Optional<Duration> parseDuration(String text) {
    String t = text.trim();
    String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    if (unsigned.startsWith("P") || unsigned.startsWith("p")) {
      try {
        return Optional.of(Duration.parse(t));
      } catch (DateTimeException | ArithmeticException e) {
        return Optional.empty();
      }
    }
    Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Optional.of(Duration.ofMillis(n));
        case "s":
          return Optional.of(Duration.ofSeconds(n));
        case "m":
          return Optional.of(Duration.ofMinutes(n));
        case "h":
          return Optional.of(Duration.ofHours(n));
        default:
          return Optional.of(Duration.ofDays(n));
      }
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** A duration in the short form, for bounds and messages: {@code 0s}, {@code 1ms}, {@code 30s}, {@code 365d}. */
  static String shortForm(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.getNano() % 1_000_000 != 0 || d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
      return d.toString();
    }
    long ms = d.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }

  private static String kebab(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
