package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's contract with the portable fallback (UPDATE, then INSERT, retried on a duplicate key; plain
 * CREATE TABLE): H2 disguised as a database that ModelChange has no dialect for.
 */
class PortableJdbcResumeTokenStoreTest extends H2JdbcResumeTokenStoreTest {
  @Override
  String database() {
    return "H2 disguised as an unknown database";
  }

  @Override
  JdbcResumeTokenStore newStore(String tableName, Clock clock) {
    DriverManagerDataSource source = new DriverManagerDataSource(url(), user(), password());
    closeAfterAll(source);
    return new JdbcResumeTokenStore(view(source), tableName, clock);
  }

  @Override
  DataSource view(DriverManagerDataSource source) {
    return proxy(DataSource.class, source, (method, result) ->
        method.equals("getConnection") ? proxy(Connection.class, result, (m, r) ->
            m.equals("getMetaData") ? proxy(DatabaseMetaData.class, r, (n, x) ->
                n.equals("getDatabaseProductName") ? "PortableSQL" : x) : r) : result);
  }

  @FunctionalInterface
  private interface Rewrite {
    Object apply(String method, Object result);
  }

  private static <T> T proxy(Class<T> type, Object target, Rewrite rewrite) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
      try {
        return rewrite.apply(m.getName(), m.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }));
  }

  @Test
  void theStoreUsesThePortableFallback() {
    store().load(uniqueKey());

    assertThat(store()).hasToString("JdbcResumeTokenStore[" + store().table() + ", other]");
  }
}
