package dev.modelchange.store;

/**
 * The JDBC store's contract on the MariaDB at 127.0.0.1:3306, database {@code test}, user {@code root} with an
 * empty password. Skipped when unreachable, unless {@code CI=true}.
 */
class MariaDbJdbcResumeTokenStoreTest extends JdbcResumeTokenStoreTest {

  @Override
  String database() {
    return "MariaDB";
  }

  @Override
  String url() {
    return "jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=5000";
  }

  @Override
  String user() {
    return "root";
  }

  @Override
  String password() {
    return "";
  }

  @Override
  boolean external() {
    return true;
  }
}
