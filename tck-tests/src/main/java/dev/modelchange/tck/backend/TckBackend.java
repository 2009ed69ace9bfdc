package dev.modelchange.tck.backend;

import java.util.Set;

/**
 * Where the contract tests get their MongoDB: the in-JVM server ({@code embedded}, the default) or a real replica
 * set ({@code uri}). A runner starts one per test class with {@link TckBackends#start()}.
 */
public interface TckBackend extends AutoCloseable {
  /** A connection string for the driver. */
  String connectionString();

  /** What this backend can do. */
  Set<Capability> capabilities();

  /** Stops the backend (the embedded server) or forgets it (a real one). */
  @Override
  void close();
}
