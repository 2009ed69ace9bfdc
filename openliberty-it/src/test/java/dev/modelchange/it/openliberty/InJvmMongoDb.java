package dev.modelchange.it.openliberty;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The in-JVM MongoDB (mongo-java-server, oplog on, so change streams work), run as its own JVM by
 * exec-maven-plugin ({@code async}) before Liberty starts. It ends with Maven: exec-maven-plugin destroys it
 * at shutdown, and if Maven is killed it exits when its parent process is gone.
 */
public final class InJvmMongoDb {
  private InJvmMongoDb() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    MongoServer server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    server.bind("127.0.0.1", port);
    System.out.println("in-JVM MongoDB (oplog on) listening on 127.0.0.1:" + port);
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> {
      server.shutdownNow();
      System.exit(0);
    }));
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    Thread.currentThread().join();
  }
}
