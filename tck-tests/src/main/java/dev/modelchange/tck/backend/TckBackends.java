package dev.modelchange.tck.backend;

import java.util.Locale;
import java.util.Set;

/**
 * Chooses the backend: {@code -Dmodelchange.tck.backend=embedded|uri}, else {@code uri} when
 * {@code MODELCHANGE_TEST_MONGODB_URI} is set, else {@code embedded}.
 */
public final class TckBackends {
  /** The environment variable naming a real replica set. */
  public static final String URI_VARIABLE = "MODELCHANGE_TEST_MONGODB_URI";
  /** The system property choosing the backend. */
  public static final String BACKEND_PROPERTY = "modelchange.tck.backend";

  /** The kinds of backend. */
  public enum Kind {
    EMBEDDED,
    URI
  }

  private static volatile TckBackend current;

  private TckBackends() {}

  /** The chosen kind. */
  public static Kind kind() {
    String chosen = System.getProperty(BACKEND_PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      return Kind.valueOf(chosen.trim().toUpperCase(Locale.ROOT));
    }
    return System.getenv(URI_VARIABLE) != null ? Kind.URI : Kind.EMBEDDED;
  }

  /** Starts a backend of the chosen kind; it is {@link #current()} until closed. */
  public static synchronized TckBackend start() {
    switch (kind()) {
      case URI:
        String uri = System.getenv(URI_VARIABLE);
        if (uri == null) {
          throw new IllegalStateException("backend uri needs the environment variable " + URI_VARIABLE);
        }
        current = new UriBackend(uri);
        break;
      default:
        current = new EmbeddedBackend();
    }
    return current;
  }

  /** The running backend. */
  public static TckBackend current() {
    TckBackend b = current;
    if (b == null) {
      throw new IllegalStateException("No TCK backend is running: the runner must call TckBackends.start()");
    }
    return b;
  }

  /** The capabilities of the chosen kind (of the running backend when there is one). */
  public static Set<Capability> capabilities() {
    TckBackend b = current;
    return b != null ? b.capabilities() : Set.of();
  }
}
