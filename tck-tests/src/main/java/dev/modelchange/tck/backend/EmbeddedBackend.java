package dev.modelchange.tck.backend;

import dev.modelchange.testsupport.InJvmMongoDb;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The in-JVM MongoDB ({@code de.bwaldvogel:mongo-java-server}) with its oplog on, on a free loopback port: the
 * project's one fixture for it, {@link InJvmMongoDb} of {@code modelchange-test-support}. It has none of the
 * {@link Capability capabilities} (IN-JVM-MONGODB.md says where it differs from MongoDB); the tests that need them
 * are skipped here. Every getMore scans the whole oplog, so each test class gets a new one.
 */
final class EmbeddedBackend implements TckBackend {
  /** Known without starting a server. */
  static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.noneOf(Capability.class));

  private final InJvmMongoDb server = InJvmMongoDb.start();

  @Override
  public String name() {
    return TckBackends.Kind.EMBEDDED.id();
  }

  @Override
  public String connectionString() {
    return server.uri();
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void close() {
    server.close();
    TckBackends.released(this);
  }
}
