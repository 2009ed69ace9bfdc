package dev.modelchange.settings;

import dev.modelchange.InvalidSettingException;
import com.mongodb.ConnectionString;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ModelChange's configuration, read once when the engine starts and checked as a whole: an invalid value fails
 * with {@link InvalidSettingException} naming the key. Immutable.
 */
public final class EngineSettings {

  /** What a stream does when its stored position is no longer in the oplog. */
  public enum HistoryLostPolicy {
    RESTART_FROM_NOW,
    FAIL
  }

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Function<String, Optional<String>> source;
  private final boolean enabled;
  private final String mongodbUri;
  private final String database;
  private final String resumeTokenStore;
  private final String resumeTokenCollection;
  private final String jdbcDatasource;
  private final String jdbcUrl;
  private final String jdbcUser;
  private final String jdbcPassword;
  private final String jdbcTable;
  private final Duration retryInitialDelay;
  private final Duration retryMaxDelay;
  private final double retryMultiplier;
  private final double retryJitter;
  private final HistoryLostPolicy onHistoryLost;
  private final Duration startupTimeout;
  private final String group;
  private final Instant startAt;
  private final int checkpointMaxEvents;
  private final Duration checkpointMaxDelay;

  private EngineSettings(Function<String, Optional<String>> source) {
    this.source = source;
    this.enabled = bool(ConfigKeys.ENABLED, true);
    this.mongodbUri = string(ConfigKeys.MONGODB_URI, "mongodb://127.0.0.1:27017");
    try {
      new ConnectionString(mongodbUri);
    } catch (IllegalArgumentException e) {
      // never echo the URI: it may hold a password
      throw new InvalidSettingException(ConfigKeys.MONGODB_URI, "(hidden)", "a MongoDB connection string: "
          + e.getMessage().replace(mongodbUri, "(the URI)"));
    }
    this.database = source.apply(ConfigKeys.MONGODB_DATABASE).map(String::trim).filter(s -> !s.isEmpty())
        .orElse(new ConnectionString(mongodbUri).getDatabase());
    this.resumeTokenStore = oneOf(ConfigKeys.RESUME_TOKEN_STORE, "mongodb", "mongodb", "jdbc", "memory", "none");
    this.resumeTokenCollection = string(ConfigKeys.RESUME_TOKEN_COLLECTION, "modelchange_resume_tokens");
    this.jdbcDatasource = string(ConfigKeys.RESUME_TOKEN_JDBC_DATASOURCE, null);
    this.jdbcUrl = string(ConfigKeys.RESUME_TOKEN_JDBC_URL, null);
    this.jdbcUser = string(ConfigKeys.RESUME_TOKEN_JDBC_USER, null);
    this.jdbcPassword = source.apply(ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD).orElse(null);
    this.jdbcTable = string(ConfigKeys.RESUME_TOKEN_JDBC_TABLE, "modelchange_resume_token");
    if (!jdbcTable.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new InvalidSettingException(ConfigKeys.RESUME_TOKEN_JDBC_TABLE, jdbcTable,
          "a plain SQL identifier (letters, digits and _, not starting with a digit, at most 63 characters)");
    }
    this.retryInitialDelay = positiveDuration(ConfigKeys.RETRY_INITIAL_DELAY, Duration.ofMillis(100));
    this.retryMaxDelay = positiveDuration(ConfigKeys.RETRY_MAX_DELAY, Duration.ofSeconds(30));
    if (retryMaxDelay.compareTo(retryInitialDelay) < 0) {
      throw new InvalidSettingException(ConfigKeys.RETRY_MAX_DELAY, retryMaxDelay.toString(),
          "a duration at least " + ConfigKeys.RETRY_INITIAL_DELAY + " (" + retryInitialDelay + ")");
    }
    this.retryMultiplier = decimal(ConfigKeys.RETRY_MULTIPLIER, 2.0, 1.0, 100.0);
    this.retryJitter = decimal(ConfigKeys.RETRY_JITTER, 0.2, 0.0, 1.0);
    this.onHistoryLost = HistoryLostPolicy.valueOf(
        oneOf(ConfigKeys.ON_HISTORY_LOST, "restart-from-now", "restart-from-now", "fail")
            .toUpperCase(Locale.ROOT).replace('-', '_'));
    this.startupTimeout = duration(ConfigKeys.STARTUP_TIMEOUT, Duration.ofSeconds(10));
    this.group = string(ConfigKeys.GROUP, "default");
    if (group.isEmpty() || group.contains("/")) {
      throw new InvalidSettingException(ConfigKeys.GROUP, group, "a non-empty name without '/'");
    }
    String start = string(ConfigKeys.START_AT, "now");
    if (start.equalsIgnoreCase("now")) {
      this.startAt = null;
    } else {
      try {
        this.startAt = Instant.parse(start);
      } catch (DateTimeParseException e) {
        throw new InvalidSettingException(ConfigKeys.START_AT, start,
            "now or an ISO-8601 instant such as 2026-01-31T12:00:00Z");
      }
    }
    this.checkpointMaxEvents = integer(ConfigKeys.CHECKPOINT_MAX_EVENTS, 100, 1);
    this.checkpointMaxDelay = positiveDuration(ConfigKeys.CHECKPOINT_MAX_DELAY, Duration.ofSeconds(1));
  }

  /**
   * Reads and checks every setting.
   *
   * @param source the configuration: a key's value, or empty when it is not set
   * @throws InvalidSettingException naming the first key whose value is invalid
   */
  public static EngineSettings from(Function<String, Optional<String>> source) {
    return new EngineSettings(source);
  }

  /** The defaults, for tests and the standalone builder. */
  public static EngineSettings defaults() {
    return from(key -> Optional.empty());
  }

  /** Parses a duration in ISO-8601 ({@code PT30S}) or short form ({@code 30s}, {@code 100ms}, {@code 5m}). */
  public static Optional<Duration> parseDuration(String text) {
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
      try {
        return Optional.of(Duration.parse(t));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
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
  }

  private String string(String key, String defaultValue) {
    return source.apply(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(defaultValue);
  }

  private boolean bool(String key, boolean defaultValue) {
    String v = string(key, null);
    if (v == null) {
      return defaultValue;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new InvalidSettingException(key, v, "true or false");
  }

  private String oneOf(String key, String defaultValue, String... allowed) {
    String v = string(key, defaultValue);
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v)) {
        return a;
      }
    }
    throw new InvalidSettingException(key, v, "one of " + String.join(", ", allowed));
  }

  private Duration duration(String key, Duration defaultValue) {
    String v = string(key, null);
    if (v == null) {
      return defaultValue;
    }
    Duration d = parseDuration(v).orElseThrow(() ->
        new InvalidSettingException(key, v, "a duration such as 30s, 100ms, 5m or PT30S"));
    if (d.isNegative()) {
      throw new InvalidSettingException(key, v, "a duration that is not negative");
    }
    return d;
  }

  private Duration positiveDuration(String key, Duration defaultValue) {
    Duration d = duration(key, defaultValue);
    if (d.isZero()) {
      throw new InvalidSettingException(key, d.toString(), "a duration greater than zero");
    }
    return d;
  }

  private double decimal(String key, double defaultValue, double min, double max) {
    String v = string(key, null);
    if (v == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(v);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSettingException(key, v, "a number from " + min + " to " + max);
  }

  private int integer(String key, int defaultValue, int min) {
    String v = string(key, null);
    if (v == null) {
      return defaultValue;
    }
    try {
      int i = Integer.parseInt(v);
      if (i >= min) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSettingException(key, v, "a whole number of at least " + min);
  }

  /** An override for a model's collection or database, by key. */
  public Optional<String> lookup(String key) {
    return source.apply(key).map(String::trim).filter(s -> !s.isEmpty());
  }

  public boolean enabled() {
    return enabled;
  }

  public String mongodbUri() {
    return mongodbUri;
  }

  /** The default database: {@code modelchange.mongodb.database}, else the URI's; null when neither names one. */
  public String database() {
    return database;
  }

  public String resumeTokenStore() {
    return resumeTokenStore;
  }

  public String resumeTokenCollection() {
    return resumeTokenCollection;
  }

  public Optional<String> jdbcDatasource() {
    return Optional.ofNullable(jdbcDatasource);
  }

  public Optional<String> jdbcUrl() {
    return Optional.ofNullable(jdbcUrl);
  }

  public Optional<String> jdbcUser() {
    return Optional.ofNullable(jdbcUser);
  }

  public Optional<String> jdbcPassword() {
    return Optional.ofNullable(jdbcPassword);
  }

  public String jdbcTable() {
    return jdbcTable;
  }

  public Duration retryInitialDelay() {
    return retryInitialDelay;
  }

  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  public double retryMultiplier() {
    return retryMultiplier;
  }

  public double retryJitter() {
    return retryJitter;
  }

  public HistoryLostPolicy onHistoryLost() {
    return onHistoryLost;
  }

  public Duration startupTimeout() {
    return startupTimeout;
  }

  public String group() {
    return group;
  }

  /** Where a stream with no stored position starts: empty for "now". */
  public Optional<Instant> startAt() {
    return Optional.ofNullable(startAt);
  }

  public int checkpointMaxEvents() {
    return checkpointMaxEvents;
  }

  public Duration checkpointMaxDelay() {
    return checkpointMaxDelay;
  }

  public int asyncMaxInFlight() {
    return integer(ConfigKeys.ASYNC_MAX_IN_FLIGHT, 1000, 1);
  }

  public boolean failOnStart() {
    return bool(ConfigKeys.FAIL_ON_START, false);
  }
}
