package dev.modelchange.tck.backend;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * The in-JVM MongoDB ({@code de.bwaldvogel:mongo-java-server}) with its oplog on, on a free loopback port. It
 * lacks several capabilities of real MongoDB (IN-JVM-MONGODB.md); tests that need them are skipped here. Every
 * getMore scans the whole oplog, so a runner makes a fresh one per test class.
 */
final class EmbeddedBackend implements TckBackend {
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
  public String connectionString() {
    return connectionString;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.noneOf(Capability.class);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
