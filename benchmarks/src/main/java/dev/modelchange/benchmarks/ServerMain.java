package dev.modelchange.benchmarks;

import de.bwaldvogel.mongo.MongoServer;

/** The in-JVM MongoDB in a JVM of its own: prints {@code PORT <n>}, then serves until killed or stdin closes. */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    MongoServer server = Bench.startServer();
    System.out.println("PORT " + server.getLocalAddress().getPort());
    System.out.flush();
    // the parent closes our stdin (or dies): stop then
    while (System.in.read() >= 0) {
      // ignore input
    }
    server.shutdownNow();
    System.exit(0);
  }
}
