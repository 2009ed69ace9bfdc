package dev.modelchange.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small settings values the stores take: what each store needs, and secrets never printed. */
class StoreSettingsTest {

  private static EngineSettings with(Map<String, String> values) {
    return EngineSettings.from(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void theMongoStoreGetsItsDatabaseAndCollection() {
    assertThat(EngineSettings.defaults().mongoStore())
        .isEqualTo(new MongoStoreSettings(null, "modelchange_resume_tokens"));
    assertThat(with(Map.of(ConfigKeys.MONGODB_URI, "mongodb://h/shop", ConfigKeys.RESUME_TOKEN_COLLECTION, "pos"))
        .mongoStore()).isEqualTo(new MongoStoreSettings("shop", "pos"));
  }

  @Test
  void theJdbcStoreGetsItsConnectionAndTable() {
    JdbcStoreSettings jdbc = with(Map.of(ConfigKeys.RESUME_TOKEN_JDBC_DATASOURCE, "java:comp/env/jdbc/app",
        ConfigKeys.RESUME_TOKEN_JDBC_URL, "jdbc:h2:mem:x", ConfigKeys.RESUME_TOKEN_JDBC_USER, "sa",
        ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD, "", ConfigKeys.RESUME_TOKEN_JDBC_TABLE, "positions")).jdbcStore();

    assertThat(jdbc).isEqualTo(new JdbcStoreSettings("java:comp/env/jdbc/app", "jdbc:h2:mem:x", "sa", "",
        "positions"));
    assertThat(jdbc.datasourceName()).contains("java:comp/env/jdbc/app");
    assertThat(jdbc.jdbcUrl()).contains("jdbc:h2:mem:x");
    assertThat(EngineSettings.defaults().jdbcStore())
        .isEqualTo(new JdbcStoreSettings(null, null, null, null, "modelchange_resume_token"));
  }

  @Test
  void theUrlAndPasswordAreNeverPrinted() {
    JdbcStoreSettings jdbc = new JdbcStoreSettings(null, "jdbc:postgresql://h/db?password=s3cret", "u",
        "pw-not-logged", "t");

    assertThat(jdbc.toString()).doesNotContain("s3cret").doesNotContain("pw-not-logged")
        .isEqualTo("JdbcStoreSettings[datasource=null, url=(hidden), user=u, password=(hidden), table=t]");
    assertThat(new JdbcStoreSettings(null, null, null, null, "t").toString())
        .isEqualTo("JdbcStoreSettings[datasource=null, url=null, user=null, password=null, table=t]");
  }
}
