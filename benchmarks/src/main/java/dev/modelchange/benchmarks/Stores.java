package dev.modelchange.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.store.ResumeTokenStores;

/**
 * The resume-token stores compared by figure 3, as configuration ({@code modelchange.resume-token.*}). The JDBC
 * stores use a table of their own ({@value #TABLE}), dropped before and after a run.
 */
public final class Stores {
  public static final String TABLE = "modelchange_bench_token";
  public static final String POSTGRES_URL = System.getProperty("bench.postgres.url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String POSTGRES_USER = System.getProperty("bench.postgres.user", "postgres");

  private Stores() {}

  /** memory, mongodb, jdbc-postgresql or jdbc-h2 (a file database in a temporary directory). */
  public static Map<String, String> config(String store) {
    Map<String, String> c = new LinkedHashMap<>();
    switch (store) {
      case "memory":
      case "mongodb":
      case "none":
        c.put("modelchange.resume-token.store", store);
        break;
      case "jdbc-postgresql":
        c.put("modelchange.resume-token.store", "jdbc");
        c.put("modelchange.resume-token.jdbc.url", POSTGRES_URL);
        c.put("modelchange.resume-token.jdbc.user", POSTGRES_USER);
        c.put("modelchange.resume-token.jdbc.table", TABLE);
        break;
      case "jdbc-h2":
        c.put("modelchange.resume-token.store", "jdbc");
        c.put("modelchange.resume-token.jdbc.url", "jdbc:h2:file:" + h2Dir().resolve("tokens") + ";DB_CLOSE_DELAY=0");
        c.put("modelchange.resume-token.jdbc.user", "sa");
        c.put("modelchange.resume-token.jdbc.table", TABLE);
        break;
      default:
        throw new IllegalArgumentException("unknown store " + store);
    }
    return c;
  }

  private static Path h2;

  private static synchronized Path h2Dir() {
    if (h2 == null) {
      try {
        h2 = Files.createTempDirectory("modelchange-bench-h2");
        Path dir = h2;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          } catch (java.io.IOException e) {
            // a temporary directory: the OS cleans it up eventually
          }
        }));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return h2;
  }

  /**
   * Why a store cannot be measured here, or null when it can: the library cannot make it from the configuration
   * (e.g. a build without the JDBC store), or its database is unreachable.
   */
  public static String unavailable(String store) {
    if (!store.startsWith("jdbc-")) {
      return null;
    }
    Map<String, String> config = config(store);
    config.put("modelchange.mongodb.database", Bench.DATABASE);
    try {
      EngineSettings settings = EngineSettings.from(k -> Optional.ofNullable(config.get(k)));
      ResumeTokenStores.fromSettings(settings, null, null).ifPresent(ResumeTokenStore::close);
    } catch (RuntimeException e) {
      return "this build of ModelChange cannot make the store from modelchange.resume-token.store=jdbc: "
          + e.getMessage();
    }
    if (!store.equals("jdbc-postgresql")) {
      return null;
    }
    try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null)) {
      return c.isValid(5) ? null : "PostgreSQL at " + POSTGRES_URL + " does not answer";
    } catch (SQLException e) {
      return "PostgreSQL at " + POSTGRES_URL + " is not reachable: " + e.getMessage();
    }
  }

  /** Drops the benchmark's token table. */
  public static void dropTable(String store) {
    if (!store.equals("jdbc-postgresql")) {
      return; // the H2 database lives in a temporary directory
    }
    try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
    } catch (SQLException e) {
      System.err.println("[stores] could not drop " + TABLE + ": " + e.getMessage());
    }
  }
}
