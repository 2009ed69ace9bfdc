package dev.modelchange.it.openliberty;

import java.net.InetSocketAddress;
import java.net.Socket;

/** Run by exec:java after the asynchronous MongoDB launch: returns once host:port accepts connections. */
public final class WaitForPort {
  private WaitForPort() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    long t0 = System.nanoTime();
    long deadline = t0 + Long.parseLong(args.length > 2 ? args[2] : "30") * 1_000_000_000L;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 500);
        System.out.printf("%s:%d is up after %d ms%n", host, port, (System.nanoTime() - t0) / 1_000_000);
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(host + ":" + port + " is not up", e);
        }
        Thread.sleep(100);
      }
    }
  }
}
