package dev.modelchange.store;

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
}
