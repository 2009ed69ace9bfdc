package dev.modelchange.tck.weld;

import dev.modelchange.tck.backend.TckBackend;
import dev.modelchange.tck.backend.TckBackends;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a fresh backend (for the in-JVM server: a new server with an empty oplog) for each test class, before
 * the Weld container, and stops it after the container. Register it before {@code @EnableWeld}.
 */
public final class BackendExtension implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BackendExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NS).put("backend", TckBackends.start());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TckBackend backend = context.getStore(NS).remove("backend", TckBackend.class);
    if (backend != null) {
      backend.close();
    }
  }
}
