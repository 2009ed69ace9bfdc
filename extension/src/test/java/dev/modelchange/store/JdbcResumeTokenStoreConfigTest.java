package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.InvalidSettingException;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** How {@code modelchange.resume-token.store=jdbc} finds its database, and how the store fails. */
class JdbcResumeTokenStoreConfigTest {
  private static final StreamKey KEY = new StreamKey("default", "db", "books", "updateLookup");
  private static final BsonDocument TOKEN = new BsonDocument("_data", new BsonString("8263AB"));

  private static EngineSettings settings(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    map.put(ConfigKeys.RESUME_TOKEN_STORE, "jdbc");
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return EngineSettings.from(k -> Optional.ofNullable(map.get(k)));
  }

  private static String h2Url() {
    return "jdbc:h2:mem:mc_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
  }

  private static int rowsIn(String url, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aTableNameThatIsNotAPlainIdentifierIsRejectedByTheSettings() {
    InvalidSettingException e = (InvalidSettingException) catchThrowable(() ->
        settings(ConfigKeys.RESUME_TOKEN_JDBC_TABLE, "bad;name"));

    assertThat(e).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(ConfigKeys.RESUME_TOKEN_JDBC_TABLE)
        .hasMessageContaining("bad;name");
    assertThat(e.key()).isEqualTo("modelchange.resume-token.jdbc.table");
  }

  @Test
  void theStoreItselfRejectsATableNameThatIsNotAPlainIdentifier() {
    assertThatThrownBy(() -> new JdbcResumeTokenStore(new JdbcDataSource(), "t; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MODELCHANGE-170"); // was -056, which stood for four messages

  }

  @Test
  void aJndiNameThatCannotBeLookedUpNamesTheDatasourceKey() {
    EngineSettings s = settings(ConfigKeys.RESUME_TOKEN_JDBC_DATASOURCE, "java:comp/env/jdbc/missing");

    InvalidSettingException e = (InvalidSettingException) catchThrowable(() ->
        ResumeTokenStores.fromSettings(s, null, new JdbcDataSource()));

    assertThat(e).hasMessageContaining("modelchange.resume-token.jdbc.datasource")
        .hasMessageContaining("java:comp/env/jdbc/missing");
    assertThat(e.key()).isEqualTo(ConfigKeys.RESUME_TOKEN_JDBC_DATASOURCE);
  }

  @Test
  void withoutJndiNameDataSourceOrUrlTheUrlKeyIsNamedWithTheThreeOptions() {
    InvalidSettingException e = (InvalidSettingException) catchThrowable(() ->
        ResumeTokenStores.fromSettings(settings(), null, null));

    assertThat(e.key()).isEqualTo(ConfigKeys.RESUME_TOKEN_JDBC_URL);
    assertThat(e).hasMessageContaining("modelchange.resume-token.jdbc.url")
        .hasMessageContaining("modelchange.resume-token.jdbc.datasource")
        .hasMessageContaining("DataSource bean");
  }

  @Test
  void theApplicationsDataSourceIsUsedWhenNoJndiNameIsSet() throws SQLException {
    String url = h2Url();
    JdbcDataSource app = new JdbcDataSource();
    app.setURL(url);
    app.setUser("sa");

    try (ResumeTokenStore store = ResumeTokenStores.fromSettings(
        settings(ConfigKeys.RESUME_TOKEN_JDBC_URL, "jdbc:h2:mem:not_this_one"), null, app).orElseThrow()) {
      store.save(KEY, TOKEN);
      assertThat(store.load(KEY)).contains(TOKEN);
    }
    assertThat(rowsIn(url, "modelchange_resume_token")).isEqualTo(1);
  }

  @Test
  void theUrlUserAndPasswordAreUsedWithoutDataSource() throws SQLException {
    String url = h2Url();
    EngineSettings s = settings(ConfigKeys.RESUME_TOKEN_JDBC_URL, url, ConfigKeys.RESUME_TOKEN_JDBC_USER, "sa",
        ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD, "", ConfigKeys.RESUME_TOKEN_JDBC_TABLE, "positions");

    try (ResumeTokenStore store = ResumeTokenStores.fromSettings(s, null, null).orElseThrow()) {
      assertThat(store).isInstanceOf(JdbcResumeTokenStore.class);
      store.save(KEY, TOKEN);
      assertThat(store.load(KEY)).contains(TOKEN);
    }
    assertThat(rowsIn(url, "positions")).isEqualTo(1);
  }

  @Test
  void aUrlWithoutDriverIsRejectedWithoutRepeatingTheUrl() {
    EngineSettings s = settings(ConfigKeys.RESUME_TOKEN_JDBC_URL, "jdbc:nosuchdb://host/db?password=s3cr3t");

    InvalidSettingException e = (InvalidSettingException) catchThrowable(() ->
        ResumeTokenStores.fromSettings(s, null, null));

    assertThat(e.key()).isEqualTo(ConfigKeys.RESUME_TOKEN_JDBC_URL);
    assertThat(e).hasMessageContaining("no JDBC driver").hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aDataSourceLendingConnectionsWithoutAutoCommitGetsCommits() throws SQLException {
    String url = h2Url();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");

    try (JdbcResumeTokenStore store = new JdbcResumeTokenStore(new NoAutoCommit(h2), "manual_commit")) {
      store.save(KEY, TOKEN);
      store.save(KEY, TOKEN.clone().append("n", new BsonString("2")));
    }

    assertThat(rowsIn(url, "manual_commit")).isEqualTo(1);
    try (JdbcResumeTokenStore other = new JdbcResumeTokenStore(h2, "manual_commit")) {
      assertThat(other.load(KEY)).contains(TOKEN.clone().append("n", new BsonString("2")));
    }
  }

  @Test
  void constructingFromSettingsOpensNoConnectionAndAClosedPortFailsSaveAndLoadQuickly() {
    for (String url : new String[] {"jdbc:postgresql://127.0.0.1:1/test", "jdbc:mariadb://127.0.0.1:1/test"}) {
      long start = System.nanoTime();
      ResumeTokenStore store = ResumeTokenStores.fromSettings(settings(ConfigKeys.RESUME_TOKEN_JDBC_URL, url,
          ConfigKeys.RESUME_TOKEN_JDBC_USER, "u", ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD, "pw-not-logged"),
          null, null).orElseThrow();

      assertThatThrownBy(() -> store.save(KEY, TOKEN))
          .as(url)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("MODELCHANGE-055")
          .hasMessageContaining("save the position of " + KEY)
          .hasMessageContaining("modelchange_resume_token")
          .hasMessageNotContaining("pw-not-logged")
          .hasCauseInstanceOf(SQLException.class);
      assertThatThrownBy(() -> store.load(KEY))
          .as(url)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("MODELCHANGE-055")
          .hasMessageContaining("load the position of " + KEY)
          .hasMessageContaining("modelchange_resume_token");
      store.close();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(url).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aClosedStoreFailsWithAClearMessage() {
    JdbcResumeTokenStore store = JdbcResumeTokenStore.forUrl(h2Url(), "sa", "", "closed_store");
    store.save(KEY, TOKEN);

    store.close();

    assertThatThrownBy(() -> store.load(KEY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MODELCHANGE-055")
        .hasMessageContaining("closed");
  }

  /** A pool configured with auto-commit off, as some are. */
  private static final class NoAutoCommit implements DataSource {
    private final DataSource target;

    NoAutoCommit(DataSource target) {
      this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = target.getConnection();
      c.setAutoCommit(false);
      return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLException("not used");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
