package dev.modelchange.sample.tck;

import dev.modelchange.tck.backend.TckBackend;
import dev.modelchange.tck.backend.TckBackends;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the TCK's backend (the in-JVM MongoDB, or the replica set of {@code MODELCHANGE_TEST_MONGODB_URI}) before
 * the application and points Quarkus' MongoDB client at it, so that the TCK's writes ({@code TckDatabase.client()})
 * and ModelChange's streams meet. Restricted to the class that declares it: a fresh server, with an empty oplog,
 * per test class.
 */
public class TckBackendResource implements QuarkusTestResourceLifecycleManager {
  private TckBackend backend;

  @Override
  public Map<String, String> start() {
    backend = TckBackends.start();
    return Map.of("quarkus.mongodb.connection-string", backend.connectionString());
  }

  @Override
  public void stop() {
    if (backend != null) {
      backend.close();
    }
  }
}
