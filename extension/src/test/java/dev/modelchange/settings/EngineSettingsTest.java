package dev.modelchange.settings;

import dev.modelchange.InvalidSettingException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelchange.InvalidSettingException.Problem;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
  private static EngineSettings with(Map<String, String> values) {
    return EngineSettings.from(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    EngineSettings s = EngineSettings.defaults();
    assertThat(s.enabled()).isTrue();
    assertThat(s.mongodbUri()).isEqualTo("mongodb://127.0.0.1:27017");
    assertThat(s.database()).isNull();
    assertThat(s.resumeTokenStore()).isEqualTo("mongodb");
    assertThat(s.resumeTokenCollection()).isEqualTo("modelchange_resume_tokens");
    assertThat(s.jdbcTable()).isEqualTo("modelchange_resume_token");
    assertThat(s.retryInitialDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(s.retryMaxDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.retryMultiplier()).isEqualTo(2.0);
    assertThat(s.retryJitter()).isEqualTo(0.2);
    assertThat(s.onHistoryLost()).isEqualTo(EngineSettings.HistoryLostPolicy.RESTART_FROM_NOW);
    assertThat(s.startupTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.group()).isEqualTo("default");
    assertThat(s.startAt()).isEmpty();
    assertThat(s.checkpointMaxEvents()).isEqualTo(100);
    assertThat(s.checkpointMaxDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void durationsInShortAndIsoForm() {
    assertThat(with(Map.of(ConfigKeys.RETRY_MAX_DELAY, "PT45S")).retryMaxDelay()).isEqualTo(Duration.ofSeconds(45));
    assertThat(with(Map.of(ConfigKeys.RETRY_MAX_DELAY, "2m")).retryMaxDelay()).isEqualTo(Duration.ofMinutes(2));
    assertThat(with(Map.of(ConfigKeys.RETRY_INITIAL_DELAY, "250ms")).retryInitialDelay())
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void theDatabaseComesFromTheUriUnlessGiven() {
    assertThat(with(Map.of(ConfigKeys.MONGODB_URI, "mongodb://h:1/shop")).database()).isEqualTo("shop");
    assertThat(with(Map.of(ConfigKeys.MONGODB_URI, "mongodb://h:1/shop", ConfigKeys.MONGODB_DATABASE, "other"))
        .database()).isEqualTo("other");
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThatThrownBy(() -> with(Map.of(ConfigKeys.RETRY_JITTER, "2")))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining(ConfigKeys.RETRY_JITTER);
    assertThatThrownBy(() -> with(Map.of(ConfigKeys.ON_HISTORY_LOST, "ignore")))
        .hasMessageContaining(ConfigKeys.ON_HISTORY_LOST).hasMessageContaining("restart-from-now, fail");
    assertThatThrownBy(() -> with(Map.of(ConfigKeys.START_AT, "yesterday")))
        .hasMessageContaining(ConfigKeys.START_AT);
    assertThatThrownBy(() -> with(Map.of(ConfigKeys.RESUME_TOKEN_JDBC_TABLE, "tokens; drop table x")))
        .hasMessageContaining(ConfigKeys.RESUME_TOKEN_JDBC_TABLE);
    assertThatThrownBy(() -> with(Map.of(ConfigKeys.RETRY_INITIAL_DELAY, "1m", ConfigKeys.RETRY_MAX_DELAY, "1s")))
        .hasMessageContaining(ConfigKeys.RETRY_MAX_DELAY);
  }

  @Test
  void anInvalidUriIsReportedWithoutEchoingIt() {
    assertThatThrownBy(() -> with(Map.of(ConfigKeys.MONGODB_URI, "mongodb://user:s3cret@")))
        .hasMessageContaining(ConfigKeys.MONGODB_URI).hasMessageNotContaining("s3cret");
  }

  @Test
  void everyInvalidValueIsReportedAtOnceInTheOrderOfTheTable() {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class, () -> with(Map.of(
        ConfigKeys.GROUP, "a/b",
        ConfigKeys.RETRY_JITTER, "2",
        ConfigKeys.CHECKPOINT_MAX_EVENTS, "99999999999",
        ConfigKeys.RETRY_MAX_DELAY, "soon",
        ConfigKeys.MONGODB_URI, "mongodb://user:s3cret@")));

    assertThat(e.problems()).extracting(Problem::key).containsExactly(ConfigKeys.MONGODB_URI,
        ConfigKeys.RETRY_MAX_DELAY, ConfigKeys.RETRY_JITTER, ConfigKeys.GROUP, ConfigKeys.CHECKPOINT_MAX_EVENTS);
    assertThat(e.key()).isEqualTo(ConfigKeys.MONGODB_URI);
    assertThat(e).hasMessageStartingWith("MODELCHANGE-020 5 configuration values are invalid; fix these "
            + "configuration properties:\n - Invalid value \"(hidden)\" for modelchange.mongodb.uri: expected a "
            + "MongoDB connection string: ")
        .hasMessageContaining("\n - Invalid value \"soon\" for modelchange.retry.max-delay: expected a duration "
            + "from 1ms to 365d, such as 30s, 100ms, 5m or PT30S.\n")
        .hasMessageContaining("\n - Invalid value \"2\" for modelchange.retry.jitter: expected a number from 0.0 "
            + "to 1.0.\n")
        .hasMessageContaining("\n - Invalid value \"a/b\" for modelchange.group: expected a non-empty name without "
            + "'/' or '@'.\n")
        .hasMessageEndingWith("\n - Invalid value \"99999999999\" for modelchange.checkpoint.max-events: expected "
            + "a whole number from 1 to 1000000.")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aMaxDelayBelowTheInitialDelayIsReportedAsWrittenAgainstTheInitialDelay() {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class, () -> with(Map.of(
        ConfigKeys.RETRY_INITIAL_DELAY, "1m", ConfigKeys.RETRY_MAX_DELAY, "1s")));

    assertThat(e.problems()).containsExactly(new Problem(ConfigKeys.RETRY_MAX_DELAY, "1s",
        "a duration at least modelchange.retry.initial-delay (1m)"));
  }

  @Test
  void aMaxDelayBelowTheDefaultInitialDelayIsReportedToo() {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class, () -> with(Map.of(
        ConfigKeys.RETRY_MAX_DELAY, "50ms")));

    assertThat(e.problems()).containsExactly(new Problem(ConfigKeys.RETRY_MAX_DELAY, "50ms",
        "a duration at least modelchange.retry.initial-delay (100ms)"));
  }

  @Test
  void noCheckAcrossKeysIsMadeWithAValueThatIsItselfInvalid() {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class, () -> with(Map.of(
        ConfigKeys.RETRY_INITIAL_DELAY, "soon", ConfigKeys.RETRY_MAX_DELAY, "1ms")));

    assertThat(e.problems()).extracting(Problem::key).containsExactly(ConfigKeys.RETRY_INITIAL_DELAY);
  }

  @Test
  void aValueTheConfigurationCannotReadIsTheProblemOfItsKey() {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class, () -> EngineSettings.from(
        key -> {
          if (key.equals(ConfigKeys.GROUP)) {
            throw new java.util.NoSuchElementException("SRCFG00011: Could not expand value missing");
          }
          if (key.equals(ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD)) {
            throw new IllegalStateException("secret p4ss in a message");
          }
          return Optional.empty();
        }));

    assertThat(e.problems()).containsExactly(
        new Problem(ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD, "(unreadable)", "a value the configuration can read, "
            + "but reading it failed with java.lang.IllegalStateException"),
        new Problem(ConfigKeys.GROUP, "(unreadable)", "a value the configuration can read, but reading it failed "
            + "with java.util.NoSuchElementException: SRCFG00011: Could not expand value missing"));
  }

  @Test
  void blankValuesAreUnsetButAPasswordIsTakenAsGiven() {
    Map<String, String> values = new HashMap<>();
    values.put(ConfigKeys.GROUP, "  ");
    values.put(ConfigKeys.RESUME_TOKEN_JDBC_USER, " sa ");
    values.put(ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD, "");

    EngineSettings s = with(values);

    assertThat(s.group()).isEqualTo("default");
    assertThat(s.jdbcUser()).contains("sa");
    assertThat(s.jdbcPassword()).contains("");
    assertThat(EngineSettings.defaults().jdbcPassword()).isEmpty();
  }

  @Test
  void theKeysOfFeaturesToComeHaveTheirDocumentedDefaults() {
    EngineSettings s = EngineSettings.defaults();
    assertThat(s.instanceExpireAfter()).isEqualTo(Duration.ofDays(7));
    assertThat(s.leaseDuration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.asyncMaxInFlight()).isEqualTo(1000);
    assertThat(s.failOnStart()).isFalse();
    assertThat(s.healthEnabled()).isTrue();
    assertThat(s.healthRetryingGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.healthStuckAfter()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theKeysOfFeaturesToComeAreReadAndChecked() {
    EngineSettings s = with(Map.of(ConfigKeys.INSTANCE_EXPIRE_AFTER, "30d", ConfigKeys.LEASE_DURATION, "PT5S",
        ConfigKeys.ASYNC_MAX_IN_FLIGHT, "16", ConfigKeys.FAIL_ON_START, "true", ConfigKeys.HEALTH_ENABLED, "false",
        ConfigKeys.HEALTH_RETRYING_GRACE, "0s", ConfigKeys.HEALTH_STUCK_AFTER, "5m"));
    assertThat(s.instanceExpireAfter()).isEqualTo(Duration.ofDays(30));
    assertThat(s.leaseDuration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.asyncMaxInFlight()).isEqualTo(16);
    assertThat(s.failOnStart()).isTrue();
    assertThat(s.healthEnabled()).isFalse();
    assertThat(s.healthRetryingGrace()).isZero();
    assertThat(s.healthStuckAfter()).isEqualTo(Duration.ofMinutes(5));

    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class, () -> with(Map.of(
        ConfigKeys.INSTANCE_ID, "a/b", ConfigKeys.INSTANCE_EXPIRE_AFTER, "999999999999d",
        ConfigKeys.LEASE_DURATION, "0s", ConfigKeys.ASYNC_MAX_IN_FLIGHT, "0", ConfigKeys.FAIL_ON_START, "maybe",
        ConfigKeys.HEALTH_ENABLED, "on", ConfigKeys.HEALTH_RETRYING_GRACE, "-1s",
        ConfigKeys.HEALTH_STUCK_AFTER, "PT99999999999999999999S")));
    assertThat(e.problems()).extracting(Problem::key).containsExactly(ConfigKeys.INSTANCE_ID,
        ConfigKeys.INSTANCE_EXPIRE_AFTER, ConfigKeys.LEASE_DURATION, ConfigKeys.ASYNC_MAX_IN_FLIGHT,
        ConfigKeys.FAIL_ON_START, ConfigKeys.HEALTH_ENABLED, ConfigKeys.HEALTH_RETRYING_GRACE,
        ConfigKeys.HEALTH_STUCK_AFTER);
  }
}
