package dev.modelchange.settings;

import static dev.modelchange.settings.SettingsTable.ASYNC_MAX_IN_FLIGHT;
import static dev.modelchange.settings.SettingsTable.CHECKPOINT_MAX_DELAY;
import static dev.modelchange.settings.SettingsTable.CHECKPOINT_MAX_EVENTS;
import static dev.modelchange.settings.SettingsTable.ENABLED;
import static dev.modelchange.settings.SettingsTable.FAIL_ON_START;
import static dev.modelchange.settings.SettingsTable.GROUP;
import static dev.modelchange.settings.SettingsTable.HEALTH_RETRYING_GRACE;
import static dev.modelchange.settings.SettingsTable.HEALTH_STUCK_AFTER;
import static dev.modelchange.settings.SettingsTable.INSTANCE_EXPIRE_AFTER;
import static dev.modelchange.settings.SettingsTable.INSTANCE_ID;
import static dev.modelchange.settings.SettingsTable.LEASE_DURATION;
import static dev.modelchange.settings.SettingsTable.MONGODB_DATABASE;
import static dev.modelchange.settings.SettingsTable.MONGODB_URI;
import static dev.modelchange.settings.SettingsTable.ON_HISTORY_LOST;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_JDBC_PASSWORD;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_JDBC_TABLE;
import static dev.modelchange.settings.SettingsTable.RESUME_TOKEN_STORE;
import static dev.modelchange.settings.SettingsTable.RETRY_INITIAL_DELAY;
import static dev.modelchange.settings.SettingsTable.RETRY_JITTER;
import static dev.modelchange.settings.SettingsTable.RETRY_MAX_DELAY;
import static dev.modelchange.settings.SettingsTable.RETRY_MULTIPLIER;
import static dev.modelchange.settings.SettingsTable.STARTUP_TIMEOUT;
import static dev.modelchange.settings.SettingsTable.START_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.modelchange.InvalidSettingException;
import dev.modelchange.InvalidSettingException.Problem;
import dev.modelchange.settings.EngineSettings.HistoryLostPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parser and check of the settings table, one row per text: what each key accepts and what it reads it as;
 * what it rejects, including every value that would overflow, always as an {@link InvalidSettingException} naming
 * the key and never as a {@code NumberFormatException} or {@code ArithmeticException}, then or later.
 */
class SettingParsersTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        arguments(ENABLED, "true", true),
        arguments(ENABLED, "FALSE", false),
        arguments(ENABLED, "  false ", false),
        arguments(MONGODB_URI, "mongodb://h:1/shop", "mongodb://h:1/shop"),
        arguments(MONGODB_DATABASE, "shop", "shop"),
        arguments(RESUME_TOKEN_STORE, "JDBC", "jdbc"),
        arguments(RESUME_TOKEN_STORE, "none", "none"),
        arguments(RESUME_TOKEN_JDBC_TABLE, "positions", "positions"),
        arguments(RESUME_TOKEN_JDBC_TABLE, "_T1", "_T1"),
        arguments(RESUME_TOKEN_JDBC_TABLE, "t".repeat(63), "t".repeat(63)),
        arguments(RESUME_TOKEN_JDBC_PASSWORD, " pass word ", " pass word "),
        arguments(RESUME_TOKEN_JDBC_PASSWORD, "", ""),
        arguments(RETRY_INITIAL_DELAY, "1ms", Duration.ofMillis(1)),
        arguments(RETRY_INITIAL_DELAY, "250ms", Duration.ofMillis(250)),
        arguments(RETRY_INITIAL_DELAY, "30 s", Duration.ofSeconds(30)),
        arguments(RETRY_MAX_DELAY, "5m", Duration.ofMinutes(5)),
        arguments(RETRY_MAX_DELAY, "2H", Duration.ofHours(2)),
        arguments(RETRY_MAX_DELAY, "365d", Duration.ofDays(365)),
        arguments(RETRY_INITIAL_DELAY, "PT0.001S", Duration.ofMillis(1)),
        arguments(RETRY_MAX_DELAY, "pt45s", Duration.ofSeconds(45)),
        arguments(RETRY_MAX_DELAY, "P365D", Duration.ofDays(365)),
        arguments(RETRY_MAX_DELAY, "PT8760H", Duration.ofDays(365)),
        arguments(RETRY_MULTIPLIER, "1", 1.0),
        arguments(RETRY_MULTIPLIER, "2.5", 2.5),
        arguments(RETRY_MULTIPLIER, "+100", 100.0),
        arguments(RETRY_JITTER, "0", 0.0),
        arguments(RETRY_JITTER, ".25", 0.25),
        arguments(RETRY_JITTER, "1.", 1.0),
        arguments(ON_HISTORY_LOST, "fail", HistoryLostPolicy.FAIL),
        arguments(ON_HISTORY_LOST, "Restart-From-Now", HistoryLostPolicy.RESTART_FROM_NOW),
        arguments(STARTUP_TIMEOUT, "0s", Duration.ZERO),
        arguments(STARTUP_TIMEOUT, "PT0S", Duration.ZERO),
        arguments(GROUP, "orders", "orders"),
        arguments(START_AT, "now", Optional.empty()),
        arguments(START_AT, "NOW", Optional.empty()),
        arguments(START_AT, "2026-01-31T12:00:00Z", Optional.of(Instant.parse("2026-01-31T12:00:00Z"))),
        arguments(START_AT, "1970-01-01T00:00:00Z", Optional.of(Instant.EPOCH)),
        arguments(START_AT, "2106-02-07T06:28:15Z", Optional.of(Instant.ofEpochSecond(0xFFFF_FFFFL))),
        arguments(CHECKPOINT_MAX_EVENTS, "1", 1),
        arguments(CHECKPOINT_MAX_EVENTS, "+7", 7),
        arguments(CHECKPOINT_MAX_EVENTS, "1000000", 1_000_000),
        arguments(CHECKPOINT_MAX_DELAY, "1s", Duration.ofSeconds(1)),
        arguments(INSTANCE_ID, "blue-1", "blue-1"),
        arguments(INSTANCE_EXPIRE_AFTER, "30d", Duration.ofDays(30)),
        arguments(LEASE_DURATION, "PT5S", Duration.ofSeconds(5)),
        arguments(ASYNC_MAX_IN_FLIGHT, "1", 1),
        arguments(FAIL_ON_START, "True", true),
        arguments(HEALTH_RETRYING_GRACE, "0s", Duration.ZERO),
        arguments(HEALTH_STUCK_AFTER, "2m", Duration.ofMinutes(2)));
  }

  @ParameterizedTest(name = "{0} = \"{1}\" reads as {2}")
  @MethodSource("accepted")
  void acceptedValuesReadAsTheirValue(Setting<?> setting, String text, Object value) throws Exception {
    Optional<String> given = setting.textIn(key -> Optional.of(text));

    assertThat(setting.parse(given.orElseThrow())).isEqualTo(value);
    EngineSettings.from(key -> key.equals(setting.key()) ? Optional.of(text) : Optional.empty());
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        arguments(ENABLED, "yes"),
        arguments(ENABLED, "1"),
        arguments(MONGODB_URI, "http://localhost"),
        arguments(MONGODB_DATABASE, "my.db"),
        arguments(MONGODB_DATABASE, "a/b"),
        arguments(RESUME_TOKEN_STORE, "redis"),
        arguments(RESUME_TOKEN_JDBC_TABLE, "tokens; drop table x"),
        arguments(RESUME_TOKEN_JDBC_TABLE, "1tokens"),
        arguments(RESUME_TOKEN_JDBC_TABLE, "t".repeat(64)),
        arguments(RETRY_INITIAL_DELAY, "soon"),
        arguments(RETRY_INITIAL_DELAY, "30"),
        arguments(RETRY_INITIAL_DELAY, "1.5s"),
        arguments(RETRY_INITIAL_DELAY, "s"),
        arguments(RETRY_INITIAL_DELAY, "0s"),
        arguments(RETRY_INITIAL_DELAY, "0ms"),
        arguments(RETRY_INITIAL_DELAY, "-1s"),
        arguments(RETRY_INITIAL_DELAY, "PT-1S"),
        arguments(RETRY_INITIAL_DELAY, "-PT1S"),
        // less than a millisecond: the backoff counts in milliseconds and would never wait
        arguments(RETRY_INITIAL_DELAY, "PT0.0005S"),
        arguments(RETRY_INITIAL_DELAY, "366d"),
        arguments(RETRY_INITIAL_DELAY, "PT8760H0.001S"),
        // overflow of the number, of the unit conversion, of the ISO parser, and of toNanos() later
        arguments(RETRY_INITIAL_DELAY, "99999999999999999999s"),
        arguments(RETRY_INITIAL_DELAY, "999999999999d"),
        arguments(RETRY_INITIAL_DELAY, "9223372036854775807ms"),
        arguments(RETRY_INITIAL_DELAY, "PT99999999999999999999S"),
        arguments(RETRY_INITIAL_DELAY, "P999999999999D"),
        arguments(RETRY_INITIAL_DELAY, "PT9223372036854775807S"),
        arguments(RETRY_INITIAL_DELAY, "P106752D"),
        arguments(RETRY_MAX_DELAY, "PT2562048H"),
        arguments(CHECKPOINT_MAX_DELAY, "0s"),
        arguments(CHECKPOINT_MAX_DELAY, "106752d"),
        arguments(STARTUP_TIMEOUT, "-1ms"),
        arguments(STARTUP_TIMEOUT, "366d"),
        arguments(STARTUP_TIMEOUT, "99999999999999999999s"),
        arguments(RETRY_MULTIPLIER, "0.5"),
        arguments(RETRY_MULTIPLIER, "100.01"),
        arguments(RETRY_MULTIPLIER, "NaN"),
        arguments(RETRY_MULTIPLIER, "Infinity"),
        arguments(RETRY_MULTIPLIER, "1e2"),
        arguments(RETRY_MULTIPLIER, "1e400"),
        arguments(RETRY_MULTIPLIER, "2.0d"),
        arguments(RETRY_MULTIPLIER, "0x10"),
        arguments(RETRY_JITTER, "2"),
        arguments(RETRY_JITTER, "-0.1"),
        arguments(ON_HISTORY_LOST, "ignore"),
        arguments(ON_HISTORY_LOST, "restart_from_now"),
        arguments(GROUP, "a/b"),
        arguments(GROUP, "a@b"), // would read as group a, instance b
        arguments(INSTANCE_ID, "pod@1"),
        arguments(START_AT, "yesterday"),
        arguments(START_AT, "2026-01-31"),
        arguments(START_AT, "1969-12-31T23:59:59Z"),
        arguments(START_AT, "2106-02-07T06:28:16Z"),
        arguments(START_AT, "+1000000000-12-31T23:59:59Z"),
        arguments(START_AT, "+1000000001-01-01T00:00:00Z"),
        arguments(CHECKPOINT_MAX_EVENTS, "0"),
        arguments(CHECKPOINT_MAX_EVENTS, "-1"),
        arguments(CHECKPOINT_MAX_EVENTS, "1000001"),
        arguments(CHECKPOINT_MAX_EVENTS, "2147483648"),
        arguments(CHECKPOINT_MAX_EVENTS, "99999999999"),
        arguments(CHECKPOINT_MAX_EVENTS, "99999999999999999999999"),
        arguments(CHECKPOINT_MAX_EVENTS, "1.5"),
        arguments(CHECKPOINT_MAX_EVENTS, "1e3"),
        arguments(CHECKPOINT_MAX_EVENTS, "ten"),
        arguments(INSTANCE_ID, "host/1"),
        arguments(INSTANCE_EXPIRE_AFTER, "999999999999d"),
        arguments(INSTANCE_EXPIRE_AFTER, "366d"),
        arguments(LEASE_DURATION, "0s"),
        arguments(LEASE_DURATION, "PT99999999999999999999S"),
        arguments(ASYNC_MAX_IN_FLIGHT, "0"),
        arguments(ASYNC_MAX_IN_FLIGHT, "99999999999"),
        arguments(FAIL_ON_START, "yes"),
        arguments(HEALTH_RETRYING_GRACE, "-1s"),
        arguments(HEALTH_STUCK_AFTER, "99999999999999999999s"));
  }

  @ParameterizedTest(name = "{0} = \"{1}\" is rejected")
  @MethodSource("rejected")
  void rejectedValuesFailStartNamingTheKeyAndWhatItTakes(Setting<?> setting, String text) {
    Throwable thrown = catchThrowable(() -> EngineSettings.from(key -> Optional.ofNullable(
        Map.of(setting.key(), text).get(key))));

    assertThat(thrown).isInstanceOf(InvalidSettingException.class);
    InvalidSettingException e = (InvalidSettingException) thrown;
    assertThat(e.key()).isEqualTo(setting.key());
    assertThat(e.problems()).hasSize(1);
    Problem problem = e.problems().get(0);
    assertThat(problem.value()).isEqualTo(setting.isHidden() ? "(hidden)" : text.trim());
    assertThat(problem.expected()).startsWith(setting.expected());
    assertThat(e).hasMessageStartingWith("MODELCHANGE-020 Invalid value \"" + problem.value() + "\" for "
        + setting.key() + ": expected " + problem.expected() + ".");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void everyDurationKeyIsBoundedFarBelowWhatToNanosHolds(Setting<Duration> setting) throws Exception {
    assertThat(setting.expected()).contains("to 365d");
    assertThat(setting.parse("365d").toNanos()).isEqualTo(Duration.ofDays(365).toNanos());
    assertThat(catchThrowable(() -> setting.parse("PT8760H0.000000001S"))).isInstanceOf(Setting.Rejected.class);
  }

  @SuppressWarnings("unchecked")
  static Stream<Setting<Duration>> durations() {
    return SettingsTable.all().stream()
        .filter(s -> s.defaultValue() instanceof Duration)
        .map(s -> (Setting<Duration>) s);
  }
}
