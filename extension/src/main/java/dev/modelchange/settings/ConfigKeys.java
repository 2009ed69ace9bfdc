package dev.modelchange.settings;

/**
 * The names of ModelChange's configuration keys, for the rest of the library. Each key is declared once, with its
 * default, check and meaning, in {@link SettingsTable}; these constants are taken from it, under the same names (a
 * test checks that every row has its constant and every constant its row). The README's table lists them.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** The root of every key. */
  public static final String PREFIX = "modelchange.";

  public static final String ENABLED = SettingsTable.ENABLED.key();
  public static final String MONGODB_URI = SettingsTable.MONGODB_URI.key();
  public static final String MONGODB_DATABASE = SettingsTable.MONGODB_DATABASE.key();
  public static final String RESUME_TOKEN_STORE = SettingsTable.RESUME_TOKEN_STORE.key();
  public static final String RESUME_TOKEN_COLLECTION = SettingsTable.RESUME_TOKEN_COLLECTION.key();
  public static final String RESUME_TOKEN_JDBC_DATASOURCE = SettingsTable.RESUME_TOKEN_JDBC_DATASOURCE.key();
  public static final String RESUME_TOKEN_JDBC_URL = SettingsTable.RESUME_TOKEN_JDBC_URL.key();
  public static final String RESUME_TOKEN_JDBC_USER = SettingsTable.RESUME_TOKEN_JDBC_USER.key();
  public static final String RESUME_TOKEN_JDBC_PASSWORD = SettingsTable.RESUME_TOKEN_JDBC_PASSWORD.key();
  public static final String RESUME_TOKEN_JDBC_TABLE = SettingsTable.RESUME_TOKEN_JDBC_TABLE.key();
  public static final String RETRY_INITIAL_DELAY = SettingsTable.RETRY_INITIAL_DELAY.key();
  public static final String RETRY_MAX_DELAY = SettingsTable.RETRY_MAX_DELAY.key();
  public static final String RETRY_MULTIPLIER = SettingsTable.RETRY_MULTIPLIER.key();
  public static final String RETRY_JITTER = SettingsTable.RETRY_JITTER.key();
  public static final String ON_HISTORY_LOST = SettingsTable.ON_HISTORY_LOST.key();
  public static final String STARTUP_TIMEOUT = SettingsTable.STARTUP_TIMEOUT.key();
  public static final String GROUP = SettingsTable.GROUP.key();
  public static final String START_AT = SettingsTable.START_AT.key();
  public static final String CHECKPOINT_MAX_EVENTS = SettingsTable.CHECKPOINT_MAX_EVENTS.key();
  public static final String CHECKPOINT_MAX_DELAY = SettingsTable.CHECKPOINT_MAX_DELAY.key();
  public static final String CHECKPOINT_MIN_INTERVAL = SettingsTable.CHECKPOINT_MIN_INTERVAL.key();
  public static final String INSTANCE_ID = SettingsTable.INSTANCE_ID.key();
  public static final String INSTANCE_EXPIRE_AFTER = SettingsTable.INSTANCE_EXPIRE_AFTER.key();
  public static final String LEASE_DURATION = SettingsTable.LEASE_DURATION.key();
  public static final String ASYNC_MAX_IN_FLIGHT = SettingsTable.ASYNC_MAX_IN_FLIGHT.key();
  public static final String FAIL_ON_START = SettingsTable.FAIL_ON_START.key();
  public static final String HEALTH_ENABLED = SettingsTable.HEALTH_ENABLED.key();
  public static final String HEALTH_RETRYING_GRACE = SettingsTable.HEALTH_RETRYING_GRACE.key();
  public static final String HEALTH_STUCK_AFTER = SettingsTable.HEALTH_STUCK_AFTER.key();

  /** {@code modelchange.model."<class name>".collection}. */
  public static String modelCollection(String className) {
    return SettingsTable.MODEL_COLLECTION.keyFor(className);
  }

  /** {@code modelchange.model."<class name>".database}. */
  public static String modelDatabase(String className) {
    return SettingsTable.MODEL_DATABASE.keyFor(className);
  }
}
