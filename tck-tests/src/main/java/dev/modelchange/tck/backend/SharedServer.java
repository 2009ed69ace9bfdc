package dev.modelchange.tck.backend;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ClusterSettings;
import dev.modelchange.tck.TckDatabase;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real MongoDB that every test class of the JVM shares: asked once for its capabilities, emptied of the TCK's
 * databases before each class.
 */
abstract class SharedServer implements TckBackend {
  private final String connectionString;
  private final Set<Capability> capabilities;

  SharedServer(String connectionString, Set<Capability> without) {
    this.connectionString = connectionString;
    ConnectionString parsed = new ConnectionString(connectionString);
    boolean followsPrimary = ClusterSettings.builder().applyConnectionString(parsed).build().getMode()
        == ClusterConnectionMode.MULTIPLE;
    try (MongoClient client = client()) {
      Set<Capability> c = EnumSet.noneOf(Capability.class);
      c.addAll(ServerCapabilities.of(client, followsPrimary));
      c.removeAll(without);
      this.capabilities = Collections.unmodifiableSet(c);
    }
  }

  /**
   * A client that gives up after 10 s, not the driver's 30 s, when the server cannot be reached (unless the
   * connection string says otherwise: its options are applied last).
   */
  final MongoClient client() {
    return MongoClients.create(MongoClientSettings.builder()
        .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .applyConnectionString(new ConnectionString(connectionString))
        .build());
  }

  @Override
  public final String connectionString() {
    return connectionString;
  }

  @Override
  public final Set<Capability> capabilities() {
    return capabilities;
  }

  /** Drops the TCK's databases: the models' documents, the resume tokens, collections made with options. */
  @Override
  public void reset() {
    try (MongoClient client = client()) {
      client.getDatabase(TckDatabase.NAME).drop();
      client.getDatabase(TckDatabase.OTHER).drop();
    }
  }

  /** The server stays up for the next test class. */
  @Override
  public void close() {
    TckBackends.released(this);
  }
}
