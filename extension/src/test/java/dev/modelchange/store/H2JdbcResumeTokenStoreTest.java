package dev.modelchange.store;

import java.util.UUID;

/** The JDBC store's contract on H2, in memory. */
class H2JdbcResumeTokenStoreTest extends JdbcResumeTokenStoreTest {
  private final String url = "jdbc:h2:mem:mc_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

  @Override
  String database() {
    return "H2";
  }

  @Override
  String url() {
    return url;
  }

  @Override
  String user() {
    return "sa";
  }

  @Override
  String password() {
    return "";
  }

  @Override
  boolean external() {
    return false;
  }
}
