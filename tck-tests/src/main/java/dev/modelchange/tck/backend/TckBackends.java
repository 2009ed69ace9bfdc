package dev.modelchange.tck.backend;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses and starts the backend. The choice: {@code -Dmodelchange.tck.backend=embedded|uri|testcontainers};
 * without it {@code uri} when the environment variable {@code MODELCHANGE_TEST_MONGODB_URI} is set, else
 * {@code embedded}.
 *
 * <ul>
 *   <li>{@code embedded}: a new in-JVM server per test class; no {@link Capability}.
 *   <li>{@code uri}: the replica set at {@code MODELCHANGE_TEST_MONGODB_URI}; capabilities by its version.
 *   <li>{@code testcontainers}: a single-node replica set in Docker, image {@code -Dmodelchange.tck.mongodb.image}
 *       (default {@code mongo:7.0}); fails at once when no Docker engine answers.
 * </ul>
 *
 * The two real backends are started (or connected to) once per JVM and shared; each test class starts with the
 * TCK's databases dropped ({@link TckBackend#reset()}).
 */
public final class TckBackends {
  /** The environment variable naming a real replica set. */
  public static final String URI_VARIABLE = "MODELCHANGE_TEST_MONGODB_URI";
  /** The system property choosing the backend. */
  public static final String BACKEND_PROPERTY = "modelchange.tck.backend";
  /** The system property naming the Docker image of the testcontainers backend. */
  public static final String IMAGE_PROPERTY = "modelchange.tck.mongodb.image";

  /** The kinds of backend. */
  public enum Kind {
    EMBEDDED,
    URI,
    TESTCONTAINERS;

    /** As {@code -Dmodelchange.tck.backend} names it. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Map<Kind, TckBackend> SHARED = new EnumMap<>(Kind.class);
  private static final Map<Kind, RuntimeException> FAILED = new EnumMap<>(Kind.class);
  /** How many test classes hold each backend: a shared one may be given to the next class before the last ends. */
  private static final Map<TckBackend, Integer> LEASES = new IdentityHashMap<>();
  private static volatile TckBackend current;

  private TckBackends() {}

  /**
   * The chosen kind.
   *
   * @throws IllegalArgumentException when {@code -Dmodelchange.tck.backend} names no kind
   */
  public static Kind kind() {
    String chosen = System.getProperty(BACKEND_PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      try {
        return Kind.valueOf(chosen.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("-D" + BACKEND_PROPERTY + "=" + chosen + " names no TCK backend; choose "
            + Arrays.stream(Kind.values()).map(Kind::id).collect(Collectors.joining(", ")));
      }
    }
    String uri = System.getenv(URI_VARIABLE);
    return uri != null && !uri.isBlank() ? Kind.URI : Kind.EMBEDDED;
  }

  /**
   * Gives a test class its backend, of the chosen kind: a new in-JVM server, or the shared real one emptied by
   * {@link TckBackend#reset()}. It is {@link #current()} until closed.
   *
   * @throws IllegalStateException when the backend cannot be had (no Docker engine, an unreachable URI); every
   *     later call throws the same at once
   */
  public static synchronized TckBackend start() {
    Kind kind = kind();
    TckBackend backend = kind == Kind.EMBEDDED ? new EmbeddedBackend() : shared(kind);
    backend.reset();
    LEASES.merge(backend, 1, Integer::sum);
    current = backend;
    return backend;
  }

  /** The running backend. */
  public static TckBackend current() {
    TckBackend b = current;
    if (b == null) {
      throw new IllegalStateException("No TCK backend is running: the runner must call TckBackends.start()");
    }
    return b;
  }

  /**
   * The capabilities of the running backend, or before one runs (a class-level {@link RequiresCapability} is
   * evaluated before {@code @BeforeAll}) of the chosen kind: none for {@code embedded}; for {@code uri} and
   * {@code testcontainers} the server's, which connects to it (or starts the container) now, once per JVM.
   *
   * @throws IllegalStateException when the server cannot be had
   */
  public static Set<Capability> capabilities() {
    TckBackend b = current;
    if (b != null) {
      return b.capabilities();
    }
    Kind kind = kind();
    return kind == Kind.EMBEDDED ? EmbeddedBackend.CAPABILITIES : shared(kind).capabilities();
  }

  /** Called by a backend's {@link TckBackend#close()}. */
  static synchronized void released(TckBackend backend) {
    Integer held = LEASES.computeIfPresent(backend, (b, n) -> n > 1 ? n - 1 : null);
    if (held == null && current == backend) {
      current = null;
    }
  }

  private static synchronized TckBackend shared(Kind kind) {
    RuntimeException failed = FAILED.get(kind);
    if (failed != null) {
      throw new IllegalStateException(failed.getMessage(), failed);
    }
    TckBackend backend = SHARED.get(kind);
    if (backend == null) {
      try {
        backend = kind == Kind.URI ? uri() : testcontainers();
      } catch (RuntimeException e) {
        FAILED.put(kind, e);
        throw e;
      }
      SHARED.put(kind, backend);
    }
    return backend;
  }

  private static TckBackend uri() {
    String uri = System.getenv(URI_VARIABLE);
    if (uri == null || uri.isBlank()) {
      throw new IllegalStateException("TCK backend uri needs the environment variable " + URI_VARIABLE
          + " (a replica set, e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0)");
    }
    try {
      return new UriBackend(uri.trim());
    } catch (RuntimeException e) {
      // never echo the URI: it may hold a password
      throw new IllegalStateException("TCK backend uri: the MongoDB at " + URI_VARIABLE + " cannot be used: " + e,
          e);
    }
  }

  private static TckBackend testcontainers() {
    try {
      Class.forName("org.testcontainers.mongodb.MongoDBContainer", false, TckBackends.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("TCK backend testcontainers needs org.testcontainers:testcontainers-mongodb "
          + "on the test class path: the TCK declares it optional, so a runner that wants this backend adds it");
    }
    return TestcontainersBackend.start();
  }
}
