package dev.modelchange.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-JVM MongoDB ({@code de.bwaldvogel:mongo-java-server}) with its oplog on, so that change streams work, on a
 * loopback port. Where it differs from MongoDB is measured in {@code IN-JVM-MONGODB.md}; every getMore scans the
 * whole oplog, which is never trimmed, so give each test class a new one.
 *
 * <p>In the test's JVM:
 *
 * <pre>{@code
 * try (InJvmMongoDb mongo = InJvmMongoDb.start(); MongoClient client = MongoClients.create(mongo.uri())) { ... }
 * }</pre>
 *
 * <p>In a JVM of its own (so that its CPU and heap are not the test's, or to outlive one Maven plugin): {@link
 * #main(String[])}.
 */
public final class InJvmMongoDb implements AutoCloseable {
  /** The loopback address it listens on. */
  public static final String HOST = "127.0.0.1";
  /** The first line {@link #main(String[])} prints, followed by the port. */
  public static final String PORT_LINE_PREFIX = "PORT ";

  private final MongoServer server;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private InJvmMongoDb(MongoServer server) {
    this.server = server;
    this.port = server.getLocalAddress().getPort();
  }

  /** A new, empty server with its oplog on, on a free loopback port. */
  public static InJvmMongoDb start() {
    return start(0);
  }

  /**
   * A new, empty server with its oplog on, on the given loopback port.
   *
   * @param port the port, or 0 for a free one
   */
  public static InJvmMongoDb start(int port) {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    server.bind(HOST, port);
    return new InJvmMongoDb(server);
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** {@code mongodb://127.0.0.1:<port>}: no database, no options (append {@code /db?option=..} as needed). */
  public String uri() {
    return "mongodb://" + HOST + ":" + port;
  }

  /** Stops it at once, closing every client connection; its data is gone. Closing twice does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.shutdownNow();
    }
  }

  /**
   * Serves a new in-JVM MongoDB in this JVM until it is stopped:
   * {@code java -cp <class path> dev.modelchange.testsupport.InJvmMongoDb [port]}.
   *
   * <p>It listens on 127.0.0.1 at {@code port} (absent or 0: a free one) and prints {@code PORT <port>} as the
   * first line on standard output, for a parent that reads it. It ends when it is destroyed (SIGTERM; a shutdown
   * hook stops the server) or when its parent process ends, so that a killed build or benchmark leaves no server
   * behind.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length > 1) {
      System.err.println("usage: java " + InJvmMongoDb.class.getName() + " [port]");
      System.exit(2);
    }
    InJvmMongoDb mongo = start(args.length == 1 ? Integer.parseInt(args[0]) : 0);
    Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "in-jvm-mongodb-shutdown"));
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    System.out.println(PORT_LINE_PREFIX + mongo.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
