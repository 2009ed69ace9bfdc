package dev.modelchange.tck.backend;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The in-JVM MongoDB ({@code de.bwaldvogel:mongo-java-server}) with its oplog on, on a free loopback port. It
 * has none of the {@link Capability capabilities} (IN-JVM-MONGODB.md says where it differs from MongoDB); the
 * tests that need them are skipped here. Every getMore scans the whole oplog, so each test class gets a new one.
 */
final class EmbeddedBackend implements TckBackend {
  /** Known without starting a server. */
  static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.noneOf(Capability.class));

  private final MongoServer server;
  private final String connectionString;

  EmbeddedBackend() {
    server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    connectionString = "mongodb://127.0.0.1:" + address.getPort();
  }

  @Override
  public String name() {
    return TckBackends.Kind.EMBEDDED.id();
  }

  @Override
  public String connectionString() {
    return connectionString;
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void close() {
    server.shutdownNow();
    TckBackends.released(this);
  }
}
