package dev.modelchange.tck.backend;

import com.mongodb.ConnectionString;
import dev.modelchange.tck.TckDatabase;
import java.util.Locale;
import java.util.Set;

/**
 * Where the contract tests get their MongoDB. {@link TckBackends#start()} gives the runner one per test class:
 * a fresh in-JVM server ({@code embedded}, the default), or the JVM's one real replica set ({@code uri},
 * {@code testcontainers}), {@linkplain #reset() emptied} of what earlier classes wrote.
 *
 * <p>A runner points ModelChange at it: its {@code MongoClient} (or {@code modelchange.mongodb.uri}) uses
 * {@link #connectionString()}, and {@code modelchange.mongodb.database} is {@link #database()}.
 */
public interface TckBackend extends AutoCloseable {
  /** The kind, as {@code -Dmodelchange.tck.backend} names it: {@code embedded}, {@code uri}, {@code testcontainers}. */
  String name();

  /** A connection string for the driver, without a database. */
  String connectionString();

  /**
   * The connection string with {@code database} as its path, keeping the options of {@link #connectionString()}
   * (for {@code modelchange.mongodb.uri}; appending {@code "/" + database} breaks a string with options).
   */
  default String connectionString(String database) {
    return withDatabase(connectionString(), database);
  }

  /** The database of the TCK's models, {@value TckDatabase#NAME}; {@code modelchange.mongodb.database} must name it. */
  default String database() {
    return TckDatabase.NAME;
  }

  /** What this backend can do; tests that need more are skipped. */
  Set<Capability> capabilities();

  /**
   * Removes what earlier test classes left, so each class starts as on a new server: a shared real backend drops
   * the TCK's databases ({@value TckDatabase#NAME}, {@value TckDatabase#OTHER}: models and resume tokens). A fresh
   * in-JVM server has nothing to remove. {@link TckBackends#start()} calls it.
   */
  default void reset() {}

  /** Ends this test class's use: stops the in-JVM server; a shared real backend stays up for the next class. */
  @Override
  void close();

  /**
   * {@code uri} with {@code database} as its path: {@code mongodb://h1,h2/db?opts}. Credentials keep the
   * database they authenticate against: when {@code uri} has a user and no {@code authSource}, the database it
   * named (else {@code admin}) becomes its {@code authSource}.
   */
  static String withDatabase(String uri, String database) {
    ConnectionString parsed = new ConnectionString(uri); // rejects what is not a connection string, naming why
    int hostsStart = uri.indexOf("://") + 3;
    int query = uri.indexOf('?', hostsStart);
    String beforeQuery = query < 0 ? uri : uri.substring(0, query);
    String options = query < 0 ? "" : uri.substring(query);
    int slash = beforeQuery.indexOf('/', hostsStart);
    String hosts = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    if (parsed.getCredential() != null && !options.toLowerCase(Locale.ROOT).contains("authsource=")) {
      String authSource = parsed.getDatabase() != null ? parsed.getDatabase() : "admin";
      options = (options.isEmpty() ? "?" : options + "&") + "authSource=" + authSource;
    }
    return hosts + "/" + database + options;
  }
}
