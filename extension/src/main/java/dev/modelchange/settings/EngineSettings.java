package dev.modelchange.settings;

import static dev.modelchange.settings.SettingsTable.ASYNC_MAX_IN_FLIGHT;
import static dev.modelchange.settings.SettingsTable.CHECKPOINT_MAX_DELAY;
import static dev.modelchange.settings.SettingsTable.CHECKPOINT_MAX_EVENTS;
import static dev.modelchange.settings.SettingsTable.CHECKPOINT_MIN_INTERVAL;
import static dev.modelchange.settings.SettingsTable.ENABLED;
import static dev.modelchange.settings.SettingsTable.FAIL_ON_START;
import static dev.modelchange.settings.SettingsTable.GROUP;
import static dev.modelchange.settings.SettingsTable.HEALTH_ENABLED;
import static dev.modelchange.settings.SettingsTable.HEALTH_RETRYING_GRACE;
import static dev.modelchange.settings.SettingsTable.HEALTH_STUCK_AFTER;
import static dev.modelchange.settings.SettingsTable.INSTANCE_EXPIRE_AFTER;
import static dev.modelchange.settings.SettingsTable.INSTANCE_ID;
import static dev.modelchange.settings.SettingsTable.LEASE_DURATION;
import static dev.modelchange.settings.SettingsTable.MONGODB_DATABASE;
import static dev.modelchange.settings.SettingsTable.MONGODB_URI;
import static dev.modelchange.settings.SettingsTable.ON_HISTORY_LOST;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_COLLECTION;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_JDBC_DATASOURCE;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_JDBC_PASSWORD;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_JDBC_TABLE;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_JDBC_URL;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_JDBC_USER;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_STORE;
import static dev.modelchange.settings.SettingsTable.RETRY_INITIAL_DELAY;
import static dev.modelchange.settings.SettingsTable.RETRY_JITTER;
import static dev.modelchange.settings.SettingsTable.RETRY_MAX_DELAY;
import static dev.modelchange.settings.SettingsTable.RETRY_MULTIPLIER;
import static dev.modelchange.settings.SettingsTable.STARTUP_TIMEOUT;
import static dev.modelchange.settings.SettingsTable.START_AT;

import com.mongodb.ConnectionString;
import dev.modelchange.InvalidSettingException;
import dev.modelchange.InvalidSettingException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * ModelChange's configuration, read once when the engine starts and checked as a whole: every key of
 * {@link SettingsTable} is read and checked, and all invalid values are reported together in one
 * {@link InvalidSettingException}. Immutable.
 */
public final class EngineSettings {

  /** What a stream does when its stored position is no longer in the oplog. */
  public enum HistoryLostPolicy {
    RESTART_FROM_NOW,
    FAIL
  }

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
  private final Optional<Instant> startAt;
  private final int checkpointMaxEvents;
  private final Duration checkpointMaxDelay;
  private final Duration checkpointMinInterval;
  private final String instanceId;
  private final Duration instanceExpireAfter;
  private final Duration leaseDuration;
  private final int asyncMaxInFlight;
  private final boolean failOnStart;
  private final boolean healthEnabled;
  private final Duration healthRetryingGrace;
  private final Duration healthStuckAfter;

  private EngineSettings(Function<String, Optional<String>> source) {
    this.source = source;
    Reader in = new Reader(source);
    this.enabled = in.read(ENABLED);
    this.mongodbUri = in.read(MONGODB_URI);
    String configuredDatabase = in.read(MONGODB_DATABASE);
    this.database = configuredDatabase != null || !in.isValid(MONGODB_URI) ? configuredDatabase
        : new ConnectionString(mongodbUri).getDatabase();
    this.resumeTokenStore = in.read(RESUME_TOKEN_STORE);
    this.resumeTokenCollection = in.read(RESUME_TOKEN_COLLECTION);
    this.jdbcDatasource = in.read(RESUME_TOKEN_JDBC_DATASOURCE);
    this.jdbcUrl = in.read(RESUME_TOKEN_JDBC_URL);
    this.jdbcUser = in.read(RESUME_TOKEN_JDBC_USER);
    this.jdbcPassword = in.read(RESUME_TOKEN_JDBC_PASSWORD);
    this.jdbcTable = in.read(RESUME_TOKEN_JDBC_TABLE);
    this.retryInitialDelay = in.read(RETRY_INITIAL_DELAY);
    this.retryMaxDelay = in.read(RETRY_MAX_DELAY);
    if (in.isValid(RETRY_INITIAL_DELAY) && in.isValid(RETRY_MAX_DELAY)
        && retryMaxDelay.compareTo(retryInitialDelay) < 0) {
      in.reject(RETRY_MAX_DELAY, "a duration at least " + RETRY_INITIAL_DELAY.key() + " ("
          + Setting.shortForm(retryInitialDelay) + ")");
    }
    this.retryMultiplier = in.read(RETRY_MULTIPLIER);
    this.retryJitter = in.read(RETRY_JITTER);
    this.onHistoryLost = in.read(ON_HISTORY_LOST);
    this.startupTimeout = in.read(STARTUP_TIMEOUT);
    this.group = in.read(GROUP);
    this.startAt = in.read(START_AT);
    this.checkpointMaxEvents = in.read(CHECKPOINT_MAX_EVENTS);
    this.checkpointMaxDelay = in.read(CHECKPOINT_MAX_DELAY);
    this.checkpointMinInterval = in.read(CHECKPOINT_MIN_INTERVAL);
    this.instanceId = in.read(INSTANCE_ID);
    this.instanceExpireAfter = in.read(INSTANCE_EXPIRE_AFTER);
    this.leaseDuration = in.read(LEASE_DURATION);
    this.asyncMaxInFlight = in.read(ASYNC_MAX_IN_FLIGHT);
    this.failOnStart = in.read(FAIL_ON_START);
    this.healthEnabled = in.read(HEALTH_ENABLED);
    this.healthRetryingGrace = in.read(HEALTH_RETRYING_GRACE);
    this.healthStuckAfter = in.read(HEALTH_STUCK_AFTER);
    in.failOnProblems();
    SettingsMessages.settingsRead(in::configured);
  }

  /**
   * Reads and checks every setting.
   *
   * @param source the configuration: a key's value, or empty when it is not set
   * @throws InvalidSettingException listing every key whose value is invalid
   */
  public static EngineSettings from(Function<String, Optional<String>> source) {
    return new EngineSettings(source);
  }

  /**
   * Reads and checks every setting, and first warns about each key of {@code presentKeys} under
   * {@code modelchange.} that is no setting (a misspelling, most often), naming the nearest real key. Unknown keys
   * never fail.
   *
   * @param source the configuration: a key's value, or empty when it is not set
   * @param presentKeys the name of every property the configuration holds, such as MicroProfile Config's
   *     {@code getPropertyNames()}; names outside {@code modelchange.} are skipped
   * @throws InvalidSettingException listing every key whose value is invalid
   */
  public static EngineSettings from(Function<String, Optional<String>> source, Iterable<String> presentKeys) {
    UnknownKeys.warn(presentKeys, source);
    return new EngineSettings(source);
  }

  /** The defaults, for tests and the standalone builder. */
  public static EngineSettings defaults() {
    return from(key -> Optional.empty());
  }

  /**
   * Parses a duration in ISO-8601 ({@code PT30S}) or short form ({@code 30s}, {@code 100ms}, {@code 5m}); empty
   * when the text is neither or the duration does not fit a {@link Duration}. Bounds are the key's to check.
   */
  public static Optional<Duration> parseDuration(String text) {
    return Setting.parseDuration(text);
  }

  /** Reads rows of the table from one source, remembering each problem instead of stopping at the first. */
  private static final class Reader {
    private final Function<String, Optional<String>> source;
    private final Map<String, String> texts = new HashMap<>();
    private final Set<Setting<?>> read = new HashSet<>();
    private final List<Problem> problems = new ArrayList<>();

    Reader(Function<String, Optional<String>> source) {
      this.source = source;
    }

    /** The configured value, else the default (null when it is computed elsewhere); on a problem, the default. */
    <T> T read(Setting<T> setting) {
      read.add(setting);
      Optional<String> text;
      try {
        text = setting.textIn(source);
      } catch (RuntimeException e) {
        // an expression the configuration cannot expand, a converter that fails: the key's problem, not a crash
        problems.add(new Problem(setting.key(), "(unreadable)", "a value the configuration can read, but "
            + "reading it failed with " + e.getClass().getName()
            + (setting.isHidden() || e.getMessage() == null ? "" : ": " + e.getMessage())));
        return setting.defaultValue();
      }
      if (text.isEmpty()) {
        return setting.defaultValue();
      }
      texts.put(setting.key(), text.get());
      try {
        return setting.parse(text.get());
      } catch (Setting.Rejected e) {
        problems.add(new Problem(setting.key(), setting.shown(text.get()),
            e.getMessage() == null ? setting.expected() : setting.expected() + ": " + e.getMessage()));
        return setting.defaultValue();
      }
    }

    /** Whether {@code setting} was read without a problem, so that a check across keys may use its value. */
    boolean isValid(Setting<?> setting) {
      return problems.stream().noneMatch(p -> p.key().equals(setting.key()));
    }

    /** A problem found by a check across keys, with the value of {@code setting} as it was written. */
    void reject(Setting<?> setting, String expected) {
      String text = texts.getOrDefault(setting.key(), setting.defaultLiteral().orElse(""));
      problems.add(new Problem(setting.key(), setting.shown(text), expected));
    }

    /** {@code key=value} for each key that was set, secrets hidden, in the order of the table. */
    List<String> configured() {
      List<String> list = new ArrayList<>();
      for (Setting<?> setting : SettingsTable.all()) {
        String text = texts.get(setting.key());
        if (text != null) {
          list.add(setting.key() + "=" + setting.shown(text));
        }
      }
      return list;
    }

    /** Throws the problems, if any; first makes sure that no row of the table was forgotten. */
    void failOnProblems() {
      for (Setting<?> row : SettingsTable.all()) {
        if (!row.perModel() && !read.contains(row)) {
          throw new IllegalStateException(row.key() + " is in the settings table, but EngineSettings does not "
              + "read it");
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidSettingException(problems);
      }
    }
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

  /** What the MongoDB token store needs: the database (null when none is named) and the collection. */
  public MongoStoreSettings mongoStore() {
    return new MongoStoreSettings(database, resumeTokenCollection);
  }

  /** What the JDBC token store needs: data source name, URL, user, password and table. */
  public JdbcStoreSettings jdbcStore() {
    return new JdbcStoreSettings(jdbcDatasource, jdbcUrl, jdbcUser, jdbcPassword, jdbcTable);
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
    return startAt;
  }

  public int checkpointMaxEvents() {
    return checkpointMaxEvents;
  }

  public Duration checkpointMaxDelay() {
    return checkpointMaxDelay;
  }

  /** Under load, how far apart one stream's saves are at least; never more than {@link #checkpointMaxDelay()}. */
  public Duration checkpointMinInterval() {
    return checkpointMinInterval;
  }

  /**
   * This instance within its group, which keys its positions under {@code EACH_INSTANCE}: the configured id, else
   * the local host's name (looked up on first use).
   */
  public String instanceId() {
    return instanceId != null ? instanceId : LocalHostName.get();
  }

  /** How long the positions of an instance that is not seen are kept. */
  public Duration instanceExpireAfter() {
    return instanceExpireAfter;
  }

  /** How long a {@code ONE_INSTANCE} lease holds without renewal. */
  public Duration leaseDuration() {
    return leaseDuration;
  }

  /** The most asynchronous deliveries one stream has in flight; the worker waits at the bound. */
  public int asyncMaxInFlight() {
    return asyncMaxInFlight;
  }

  /** Whether start-up fails when MongoDB or the store cannot be reached within {@link #startupTimeout()}. */
  public boolean failOnStart() {
    return failOnStart;
  }

  /** Whether the health checks are registered when MicroProfile Health is present. */
  public boolean healthEnabled() {
    return healthEnabled;
  }

  /** How long a stream may be retrying before readiness reports it down. */
  public Duration healthRetryingGrace() {
    return healthRetryingGrace;
  }

  /** How long a worker may make no progress before liveness reports its stream down. */
  public Duration healthStuckAfter() {
    return healthStuckAfter;
  }
}
