package dev.modelchange.tck.backend;

import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node MongoDB replica set in Docker ({@code org.testcontainers:testcontainers-mongodb}), of the image
 * {@code -Dmodelchange.tck.mongodb.image} (default {@value #DEFAULT_IMAGE}), started once per JVM and shared by the
 * test classes. Without a Docker engine it fails at once, saying so. Capabilities as for {@code uri}, less
 * {@link Capability#STEP_DOWN}: one node has no secondary to elect.
 *
 * <p>Only {@link TckBackends} loads this class, and only for {@code -Dmodelchange.tck.backend=testcontainers}, so
 * Testcontainers is an optional dependency of the TCK.
 */
final class TestcontainersBackend extends SharedServer {
  /** The system property naming the image. */
  static final String IMAGE_PROPERTY = TckBackends.IMAGE_PROPERTY;
  static final String DEFAULT_IMAGE = "mongo:7.0";

  private final MongoDBContainer container;

  private TestcontainersBackend(MongoDBContainer container) {
    // one host, no replicaSet option: the driver connects to it directly, whatever name the node gives itself
    super(container.getConnectionString(), Set.of(Capability.STEP_DOWN));
    this.container = container;
  }

  /**
   * Starts the container.
   *
   * @throws IllegalStateException at once when no Docker engine answers
   */
  static TestcontainersBackend start() {
    String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE).trim();
    long started = System.nanoTime();
    boolean docker;
    Throwable why = null;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      docker = false;
      why = e;
    }
    if (!docker) {
      throw new IllegalStateException("TCK backend testcontainers: no Docker engine answered (looked for "
          + (System.nanoTime() - started) / 1_000_000 + " ms: DOCKER_HOST, /var/run/docker.sock, "
          + "~/.testcontainers.properties). Start Docker, or choose another backend: -D"
          + TckBackends.BACKEND_PROPERTY + "=embedded (the in-JVM server), or " + TckBackends.URI_VARIABLE
          + "=mongodb://... for your own replica set.", why);
    }
    MongoDBContainer container = new MongoDBContainer(DockerImageName.parse(image)
        .asCompatibleSubstituteFor("mongo")).withReplicaSet();
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "modelchange-tck-mongodb-stop"));
    try {
      return new TestcontainersBackend(container);
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
  }

  @Override
  public String name() {
    return TckBackends.Kind.TESTCONTAINERS.id();
  }

  @Override
  public String toString() {
    return "testcontainers " + container.getDockerImageName() + " at " + connectionString();
  }
}
