package dev.modelchange.tck.weld.instances;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * The in-JVM MongoDB (mongo-java-server, oplog on) in a process of its own, so that killing an instance never
 * touches it: binds a free loopback port and prints {@code PORT <n>}; stops when its stdin closes or the process
 * that started it ends. It loses all data when stopped (IN-JVM-MONGODB.md), so it runs for one whole test.
 */
public final class MongoServerMain {
  private MongoServerMain() {}

  public static void main(String[] args) throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    System.out.println("PORT " + address.getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // the test closes our stdin to stop us
    }
    server.shutdownNow();
    System.exit(0);
  }
}
