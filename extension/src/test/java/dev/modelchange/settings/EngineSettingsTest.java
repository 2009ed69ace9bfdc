package dev.modelchange.settings;

import dev.modelchange.InvalidSettingException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}
