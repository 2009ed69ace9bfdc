package dev.modelchange.sample.operate;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-JVM MongoDB (oplog on) that the application reaches through a loopback TCP proxy, so that a test can cut
 * the connection and bring it back: the test's fields {@code Runnable cutMongoDb} and {@code Runnable
 * restoreMongoDb} are set to do so (JDK types, so that they cross Quarkus' class loaders). Cutting closes the
 * proxy's port and every open connection; restoring opens the same port again.
 */
public class CuttableMongo implements QuarkusTestResourceLifecycleManager {
  private MongoServer server;
  private Proxy proxy;

  @Override
  public Map<String, String> start() {
    server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    server.bind("127.0.0.1", 0);
    proxy = new Proxy(server.getLocalAddress().getPort());
    proxy.open();
    // short time-outs, so that the driver notices the cut and the way back within seconds
    return Map.of("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + proxy.port
        + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000&heartbeatFrequencyMS=500");
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields((Runnable) proxy::cut, f -> f.getName().equals("cutMongoDb"));
    injector.injectIntoFields((Runnable) proxy::open, f -> f.getName().equals("restoreMongoDb"));
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.cut();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  /** Forwards each connection to the server, byte for byte, on daemon threads. */
  private static final class Proxy {
    private final int upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private int port;

    Proxy(int upstream) {
      this.upstream = upstream;
    }

    synchronized void open() {
      if (listener != null) {
        return;
      }
      try {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = s.getLocalPort();
        listener = s;
        daemon("accept", () -> accept(s));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    synchronized void cut() {
      if (listener != null) {
        close(listener);
        listener = null;
      }
      open.forEach(Proxy::close);
      open.clear();
    }

    private void accept(ServerSocket s) {
      while (!s.isClosed()) {
        try {
          Socket client = s.accept();
          Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream);
          open.add(client);
          open.add(server);
          daemon("up", () -> pump(client, server));
          daemon("down", () -> pump(server, client));
        } catch (IOException e) {
          return; // the port was closed: cut
        }
      }
    }

    private static void pump(Socket from, Socket to) {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // cut
      } finally {
        close(from);
        close(to);
      }
    }

    private static void close(AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // closed already
      }
    }

    private static void daemon(String name, Runnable r) {
      Thread t = new Thread(r, "cuttable-mongo-" + name);
      t.setDaemon(true);
      t.start();
    }
  }
}
