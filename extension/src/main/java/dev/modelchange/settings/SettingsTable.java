package dev.modelchange.settings;

import dev.modelchange.settings.EngineSettings.HistoryLostPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every configuration key of ModelChange, each declared once with its default, parser, check and meaning, in the
 * order of the README's configuration table (a test keeps the two in step). {@link ConfigKeys} names these rows
 * for the rest of the library; the field names here and there are the same.
 */
final class SettingsTable {
  private SettingsTable() {}

  /** The smallest delay a key that must be positive accepts: waits are counted in milliseconds. */
  private static final Duration MIN_DELAY = Duration.ofMillis(1);

  private static final Duration MAX = Setting.MAX_DURATION;

  /** Filled by {@link #row}, in declaration order; declared before the rows so that it exists when they are. */
  private static final List<Setting<?>> ROWS = new ArrayList<>();

  static final Setting<Boolean> ENABLED = row(Setting.bool("modelchange.enabled")
      .withDefault("true")
      .withMeaning("start no stream when false"));

  static final Setting<String> MONGODB_URI = row(Setting.mongoUri("modelchange.mongodb.uri")
      .withDefault("mongodb://127.0.0.1:27017")
      .withMeaning("used only when the application has no `MongoClient` bean"));

  static final Setting<String> MONGODB_DATABASE = row(Setting.databaseName("modelchange.mongodb.database")
      .withDefaultDescribed("the URI's database")
      .withMeaning("required when the URI names none"));

  static final Setting<String> MODEL_COLLECTION = row(
      Setting.text("modelchange.model.\"" + Setting.CLASS_PLACEHOLDER + "\".collection")
          .withDefaultDescribed("`@CollectionName` or the naming convention")
          .withMeaning("a model's collection"));

  static final Setting<String> MODEL_DATABASE = row(
      Setting.text("modelchange.model.\"" + Setting.CLASS_PLACEHOLDER + "\".database")
          .withDefaultDescribed("`modelchange.mongodb.database`")
          .withMeaning("a model's database"));

  static final Setting<String> RESUME_TOKEN_STORE = row(
      Setting.oneOf("modelchange.resume-token.store", "mongodb", "jdbc", "memory", "none")
          .withDefault("mongodb")
          .withMeaning("`mongodb`, `jdbc`, `memory` or `none`; a `ResumeTokenStore` bean replaces it"));

  static final Setting<String> RESUME_TOKEN_COLLECTION = row(Setting.text("modelchange.resume-token.collection")
      .withDefault("modelchange_resume_tokens")
      .withMeaning("for the MongoDB store"));

  static final Setting<String> RESUME_TOKEN_JDBC_DATASOURCE = row(
      Setting.text("modelchange.resume-token.jdbc.datasource")
          .withMeaning("JNDI name; unset: the application's `DataSource` bean, else `.jdbc.url`/`.user`/`.password`"));

  static final Setting<String> RESUME_TOKEN_JDBC_URL = row(Setting.text("modelchange.resume-token.jdbc.url")
      .hidden()
      .withMeaning("a JDBC connection when there is neither a data source name nor a `DataSource` bean; never "
          + "logged"));

  static final Setting<String> RESUME_TOKEN_JDBC_USER = row(Setting.text("modelchange.resume-token.jdbc.user")
      .withMeaning("the user of `.jdbc.url`"));

  static final Setting<String> RESUME_TOKEN_JDBC_PASSWORD = row(
      Setting.text("modelchange.resume-token.jdbc.password")
          .hidden()
          .verbatim()
          .withMeaning("the password of `.jdbc.url`, taken as given (an empty value is a value); never logged"));

  static final Setting<String> RESUME_TOKEN_JDBC_TABLE = row(
      Setting.sqlIdentifier("modelchange.resume-token.jdbc.table")
          .withDefault("modelchange_resume_token")
          .withMeaning("created if missing; a plain SQL identifier"));

  static final Setting<Duration> RETRY_INITIAL_DELAY = row(
      Setting.duration("modelchange.retry.initial-delay", MIN_DELAY, MAX)
          .withDefault("100ms")
          .withMeaning("first reconnection delay"));

  static final Setting<Duration> RETRY_MAX_DELAY = row(
      Setting.duration("modelchange.retry.max-delay", MIN_DELAY, MAX)
          .withDefault("30s")
          .withMeaning("longest reconnection delay (at most one attempt per max-delay once reached); at least "
              + "`initial-delay`"));

  static final Setting<Double> RETRY_MULTIPLIER = row(Setting.decimal("modelchange.retry.multiplier", 1.0, 100.0)
      .withDefault("2.0")
      .withMeaning("backoff growth, from 1 to 100"));

  static final Setting<Double> RETRY_JITTER = row(Setting.decimal("modelchange.retry.jitter", 0.0, 1.0)
      .withDefault("0.2")
      .withMeaning("± fraction of randomness, from 0 to 1"));

  static final Setting<HistoryLostPolicy> ON_HISTORY_LOST = row(
      Setting.choice("modelchange.on-history-lost", HistoryLostPolicy.class)
          .withDefault("restart-from-now")
          .withMeaning("or `fail`; either way a `ChangeStreamGap` is fired and an error logged"));

  static final Setting<Duration> STARTUP_TIMEOUT = row(
      Setting.duration("modelchange.startup-timeout", Duration.ZERO, MAX)
          .withDefault("10s")
          .withMeaning("boot waits this long for every stream to open, then goes on retrying in the background"));

  static final Setting<String> GROUP = row(Setting.name("modelchange.group")
      .withDefault("default")
      .withMeaning("names this application's streams in the token store; two applications sharing a store use "
          + "different groups"));

  static final Setting<Optional<Instant>> START_AT = row(Setting.startInstant("modelchange.start-at")
      .withDefault("now")
      .withMeaning("where a stream with no stored token starts: `now` or an ISO-8601 instant"));

  static final Setting<Integer> CHECKPOINT_MAX_EVENTS = row(
      Setting.integer("modelchange.checkpoint.max-events", 1, 1_000_000)
          .withDefault("100")
          .withMeaning("a token is saved after this many delivered events…"));

  static final Setting<Duration> CHECKPOINT_MAX_DELAY = row(
      Setting.duration("modelchange.checkpoint.max-delay", MIN_DELAY, MAX)
          .withDefault("1s")
          .withMeaning("…or this long, whichever comes first, and at shutdown"));

  static final Setting<Duration> CHECKPOINT_MIN_INTERVAL = row(
      Setting.duration("modelchange.checkpoint.min-interval", Duration.ZERO, MAX)
          .withDefault("100ms")
          .withMeaning("under load, one stream's saves are at least this far apart (a full batch waits for it), "
              + "never later than `max-delay`; `0` saves every `max-events`"));

  static final Setting<String> INSTANCE_ID = row(Setting.name("modelchange.instance-id")
      .withDefaultDescribed("the host name")
      .withMeaning("this instance within its group (`EACH_INSTANCE` positions); unset: the local host's name "
          + "(`InetAddress.getLocalHost()`, else `$HOSTNAME` or `%COMPUTERNAME%`, else `localhost` with a warning), "
          + "so set it where instances share a host name"));

  static final Setting<Duration> INSTANCE_EXPIRE_AFTER = row(
      Setting.duration("modelchange.instance.expire-after", MIN_DELAY, MAX)
          .withDefault("7d")
          .withMeaning("positions of instances not seen this long are removed, and leases lapsed or released "
              + "this long ago"));

  static final Setting<Duration> LEASE_DURATION = row(
      Setting.duration("modelchange.lease.duration", MIN_DELAY, MAX)
          .withDefault("10s")
          .withMeaning("`ONE_INSTANCE` lease time-out: a stand-by instance takes over this long after the "
              + "holder's last renewal"));

  static final Setting<Integer> ASYNC_MAX_IN_FLIGHT = row(
      Setting.integer("modelchange.async.max-in-flight", 1, 1_000_000)
          .withDefault("1000")
          .withMeaning("bound on asynchronous deliveries per stream; the worker waits at the bound"));

  static final Setting<Boolean> FAIL_ON_START = row(Setting.bool("modelchange.fail-on-start")
      .withDefault("false")
      .withMeaning("fail start-up when MongoDB or the store cannot be reached within `startup-timeout`"));

  static final Setting<Boolean> HEALTH_ENABLED = row(Setting.bool("modelchange.health.enabled")
      .withDefault("true")
      .withMeaning("register the health checks when MicroProfile Health is present"));

  static final Setting<Duration> HEALTH_RETRYING_GRACE = row(
      Setting.duration("modelchange.health.retrying-grace", Duration.ZERO, MAX)
          .withDefault("30s")
          .withMeaning("a stream may retry this long before readiness reports it down"));

  static final Setting<Duration> HEALTH_STUCK_AFTER = row(
      Setting.duration("modelchange.health.stuck-after", MIN_DELAY, MAX)
          .withDefault("60s")
          .withMeaning("liveness reports a stream down when its worker has made no progress this long"));

  private static <T> Setting<T> row(Setting<T> setting) {
    ROWS.add(setting);
    return setting;
  }

  /** Every row, in the README's order. */
  static List<Setting<?>> all() {
    return Collections.unmodifiableList(ROWS);
  }
}
