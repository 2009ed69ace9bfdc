package dev.modelchange.sample;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The demo MongoDB: an in-memory MongoDB wire-protocol server ({@code de.bwaldvogel:mongo-java-server}) with its
 * oplog on, so that change streams work. {@link EmbeddedMongoConfigSourceFactory} starts it when the application
 * names no MongoDB; it is stopped after the application's beans, so ModelChange can store its last position first.
 *
 * <p>It is a demo: data lives in memory only, and it differs from real MongoDB in places (for example, its update
 * events carry no {@code _id}, and it reports replacements as updates).
 */
@ApplicationScoped
public class EmbeddedMongo {
  private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class);
  private static MongoServer server;
  private static String connectionString;

  /** Starts the server, once, on {@code 127.0.0.1} and the given port (0: a free one); its connection string. */
  static synchronized String start(int port) {
    if (server == null) {
      MongoServer s = new MongoServer(new MemoryBackend());
      s.enableOplog();
      s.bind("127.0.0.1", port);
      server = s;
      connectionString = "mongodb://127.0.0.1:" + s.getLocalAddress().getPort();
      LOG.warnf("MODELCHANGE-SAMPLE-001 No MongoDB configured (quarkus.mongodb.connection-string): started the "
          + "in-memory DEMO MongoDB at %s. Its data is lost when the application stops, and it is not real "
          + "MongoDB. Set quarkus.mongodb.connection-string to use yours.", connectionString);
    }
    return connectionString;
  }

  /** Whether this application started the demo server. */
  public static synchronized boolean isRunning() {
    return server != null;
  }

  static void stop(@Observes @Destroyed(ApplicationScoped.class) Object event) {
    synchronized (EmbeddedMongo.class) {
      if (server != null) {
        server.shutdownNow();
        server = null;
        LOG.infof("MODELCHANGE-SAMPLE-002 Stopped the demo MongoDB at %s", connectionString);
        connectionString = null;
      }
    }
  }
}
