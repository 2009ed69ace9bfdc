package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.spi.StreamKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's contract on the PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres}
 * without password. Skipped when unreachable, unless {@code CI=true}.
 */
class PostgresJdbcResumeTokenStoreTest extends JdbcResumeTokenStoreTest {

  @Override
  String database() {
    return "PostgreSQL";
  }

  @Override
  String url() {
    return "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=5";
  }

  @Override
  String user() {
    return "postgres";
  }

  @Override
  String password() {
    return null;
  }

  @Override
  boolean external() {
    return true;
  }

  @Test
  void aSaveAfterTheServerDroppedTheCachedConnectionSucceedsOnANewOne() throws SQLException {
    String application = "mc_" + UUID.randomUUID().toString().replace("-", "");
    JdbcResumeTokenStore s = JdbcResumeTokenStore.forUrl(url() + "&ApplicationName=" + application, user(),
        password(), store().table());
    closeAfterAll(s);
    StreamKey k = uniqueKey();
    s.save(k, changeStreamToken("01"));

    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
      ps.setString(1, application);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("terminated connections").isEqualTo(1);
      }
    }
    s.save(k, changeStreamToken("02"));

    assertThat(s.load(k)).contains(changeStreamToken("02"));
  }
}
