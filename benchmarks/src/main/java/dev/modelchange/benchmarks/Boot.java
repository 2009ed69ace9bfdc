package dev.modelchange.benchmarks;

import dev.modelchange.benchmarks.generated.ObserverClasses;
import dev.modelchange.testsupport.InJvmMongoDb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Figure 6, boot cost: the time of {@code Weld.initialize()} in a fresh JVM (a cold boot, as an application
 * starts) with ModelChange's extension and 0 or 200 discovered observers. The 200 are generated at build time
 * as 200 bean classes with one observer method each (src/build/GenerateSources.java); with them the boot
 * includes their discovery, validation into descriptors, and the engine opening their two streams (default and
 * updateLookup) on the in-JVM server, which runs in this (the parent) JVM. Each configuration runs in
 * {@code rounds} fresh JVMs, alternating.
 *
 * <p>A third configuration boots the same 200 beans in Weld without ModelChange's extension, to tell Weld's
 * share from ModelChange's. Args: rounds (default 3).
 */
public final class Boot {
  private Boot() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Bench.quietLogging();
    InJvmMongoDb server = Bench.startServer();
    List<Double> none = new ArrayList<>();
    List<Double> many = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    List<String> order = List.of("0", "200", "200-without-modelchange");
    try {
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < order.size(); i++) {
          String k = order.get((i + r) % order.size()); // rotate the order from round to round
          double ms = child(server.uri(), k);
          (k.equals("0") ? none : k.equals("200") ? many : plain).add(ms);
          System.err.printf("[boot] round %d: %s observers %.0f ms%n", r, k, ms);
        }
      }
    } finally {
      server.close();
    }
    Bench.figure("boot.observers-200", "ms", many, none, null, "Weld SE cold boot (fresh JVM each) with "
        + "ModelChange and 200 generated observer beans (200 classes, one method each; 2 streams opened); "
        + "baseline = ModelChange with 0 observers; the same 200 beans in Weld without ModelChange's extension: "
        + Bench.fmt(Bench.median(plain)) + " ms (range " + Bench.range(plain) + ")");
  }

  private static double child(String uri, String observers) throws Exception {
    Process p = Bench.startJvm(Child.class, List.of("-Xmx1g"), List.of(uri, observers));
    Double ms = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("BOOT_MS ")) {
          ms = Double.parseDouble(line.substring(8));
        }
      }
    }
    if (p.waitFor() != 0 || ms == null) {
      throw new IllegalStateException("the boot JVM failed (exit " + p.exitValue() + ")");
    }
    return ms;
  }

  /** One cold boot: prints {@code BOOT_MS <milliseconds>}. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) {
      Bench.quietLogging();
      BenchClient.uri = args[0];
      boolean withModelChange = !args[1].endsWith("-without-modelchange");
      int observers = Integer.parseInt(args[1].replace("-without-modelchange", ""));
      Bench.config(java.util.Map.of("modelchange.mongodb.database", Bench.DATABASE,
          "modelchange.resume-token.store", "memory"));
      List<Class<?>> beans = new ArrayList<>();
      beans.add(BenchClient.class);
      if (observers > 0) {
        beans.addAll(ObserverClasses.ALL.subList(0, observers));
      }
      long t0 = System.nanoTime();
      WeldContainer weld = withModelChange ? Bench.boot("boot", beans)
          : new org.jboss.weld.environment.se.Weld("boot").disableDiscovery()
              .addBeanClasses(beans.toArray(Class<?>[]::new)).property("org.jboss.weld.se.shutdownHook", false)
              .initialize();
      long t1 = System.nanoTime();
      int streams = withModelChange ? Engines.of(weld).streams().size() : 2;
      weld.shutdown();
      if (observers > 0 && streams != 2) {
        System.err.println("[boot] WARNING: expected 2 streams, found " + streams);
      }
      System.out.println("BOOT_MS " + (t1 - t0) / 1e6);
      System.exit(0);
    }
  }
}
