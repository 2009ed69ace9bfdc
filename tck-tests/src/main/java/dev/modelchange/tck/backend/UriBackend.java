package dev.modelchange.tck.backend;

import java.util.Set;

/**
 * A real MongoDB replica set (or sharded cluster) at {@code MODELCHANGE_TEST_MONGODB_URI}; its capabilities
 * follow its version and topology ({@link ServerCapabilities}). Shared by the JVM's test classes; each starts
 * with the TCK's databases dropped, so the URI's user needs {@code dbAdmin} on them (and {@code clusterManager}
 * for {@link Capability#STEP_DOWN}).
 */
final class UriBackend extends SharedServer {
  UriBackend(String uri) {
    super(uri, Set.of());
  }

  @Override
  public String name() {
    return TckBackends.Kind.URI.id();
  }
}
