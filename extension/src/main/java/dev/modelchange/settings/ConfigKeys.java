package dev.modelchange.settings;

/** Every configuration key of ModelChange, declared once. The README's table lists them with their defaults. */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final String PREFIX = "modelchange.";
  public static final String ENABLED = PREFIX + "enabled";
  public static final String MONGODB_URI = PREFIX + "mongodb.uri";
  public static final String MONGODB_DATABASE = PREFIX + "mongodb.database";
  public static final String RESUME_TOKEN_STORE = PREFIX + "resume-token.store";
  public static final String RESUME_TOKEN_COLLECTION = PREFIX + "resume-token.collection";
  public static final String RESUME_TOKEN_JDBC_DATASOURCE = PREFIX + "resume-token.jdbc.datasource";
  public static final String RESUME_TOKEN_JDBC_URL = PREFIX + "resume-token.jdbc.url";
  public static final String RESUME_TOKEN_JDBC_USER = PREFIX + "resume-token.jdbc.user";
  public static final String RESUME_TOKEN_JDBC_PASSWORD = PREFIX + "resume-token.jdbc.password";
  public static final String RESUME_TOKEN_JDBC_TABLE = PREFIX + "resume-token.jdbc.table";
  public static final String RETRY_INITIAL_DELAY = PREFIX + "retry.initial-delay";
  public static final String RETRY_MAX_DELAY = PREFIX + "retry.max-delay";
  public static final String RETRY_MULTIPLIER = PREFIX + "retry.multiplier";
  public static final String RETRY_JITTER = PREFIX + "retry.jitter";
  public static final String ON_HISTORY_LOST = PREFIX + "on-history-lost";
  public static final String STARTUP_TIMEOUT = PREFIX + "startup-timeout";
  public static final String GROUP = PREFIX + "group";
  public static final String START_AT = PREFIX + "start-at";
  public static final String CHECKPOINT_MAX_EVENTS = PREFIX + "checkpoint.max-events";
  public static final String CHECKPOINT_MAX_DELAY = PREFIX + "checkpoint.max-delay";
  public static final String ASYNC_MAX_IN_FLIGHT = PREFIX + "async.max-in-flight";
  public static final String FAIL_ON_START = PREFIX + "fail-on-start";

  /** {@code modelchange.model."<class name>".collection}. */
  public static String modelCollection(String className) {
    return PREFIX + "model.\"" + className + "\".collection";
  }

  /** {@code modelchange.model."<class name>".database}. */
  public static String modelDatabase(String className) {
    return PREFIX + "model.\"" + className + "\".database";
  }
}
