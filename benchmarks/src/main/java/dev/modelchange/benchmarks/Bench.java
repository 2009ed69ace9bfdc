package dev.modelchange.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.modelchange.benchmarks.model.Book;
import dev.modelchange.cdi.ModelChangeExtension;
import dev.modelchange.testsupport.InJvmMongoDb;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.bson.codecs.configuration.CodecRegistry;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** What the figures share: servers, containers, configuration, statistics and the output line. */
public final class Bench {
  /** Children print their figures on lines starting with this; the orchestrator collects them. */
  public static final String FIGURE_PREFIX = Figures.PREFIX;
  public static final String DATABASE = Books.DATABASE;
  public static final String BOOKS = Books.COLLECTION;

  private Bench() {}

  // ---------------------------------------------------------------------------------------------- environment

  /** Warnings and errors only: Weld, the driver and ModelChange log at INFO on every boot. */
  public static void quietLogging() {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    java.util.logging.ConsoleHandler h = new java.util.logging.ConsoleHandler();
    h.setLevel(Level.WARNING);
    root.addHandler(h);
    root.setLevel(Level.WARNING);
  }

  /** A fresh in-JVM MongoDB with an empty oplog, on a free loopback port: the project's test-support fixture. */
  public static InJvmMongoDb startServer() {
    return InJvmMongoDb.start();
  }

  public static MongoClient client(String uri) {
    return MongoClients.create(uri);
  }

  /** See {@link Books#pojoRegistry()}. */
  public static CodecRegistry pojoRegistry() {
    return Books.pojoRegistry();
  }

  public static MongoCollection<Book> books(MongoClient client) {
    return Books.books(client);
  }

  /** Inserts {@code n} books: see {@link Books#insert}. */
  public static void insertBooks(MongoClient client, int n) {
    Books.insert(client, n);
  }

  /**
   * Sets ModelChange's configuration (MicroProfile Config reads system properties) and drops SmallRye's cached
   * Config, so that the next container reads the new values.
   */
  public static void config(Map<String, String> values) {
    values.forEach(System::setProperty);
    ConfigProviderResolver resolver = ConfigProviderResolver.instance();
    try {
      resolver.releaseConfig(resolver.getConfig());
    } catch (RuntimeException e) {
      // none cached yet
    }
  }

  /** A Weld SE container like the TCK's: no discovery, ModelChange's extension, the given beans. */
  public static WeldContainer boot(String id, List<Class<?>> beans) {
    Weld weld = new Weld(id).disableDiscovery().addExtension(new ModelChangeExtension())
        .addBeanClasses(beans.toArray(Class<?>[]::new))
        .property("org.jboss.weld.se.shutdownHook", false);
    return weld.initialize();
  }

  /**
   * Binds ModelChange's meters ({@code ModelChangeMetrics}, the bean its extension adds when Micrometer is there) to
   * a fresh {@code SimpleMeterRegistry}, as Quarkus' Micrometer extension binds every {@code MeterBinder} bean; from
   * then on every event is counted and timed. Returns the registry.
   */
  public static io.micrometer.core.instrument.MeterRegistry bindMeters(WeldContainer weld) {
    io.micrometer.core.instrument.MeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    weld.select(dev.modelchange.metrics.ModelChangeMetrics.class).get().bindTo(registry);
    return registry;
  }

  /** Heap in use after full collections (System.gc() three times, with pauses for reference processing). */
  public static long heapUsedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------- processes

  /** Where results, logs and recordings go: the directory of benchmarks.jar (benchmarks/target), else ./target. */
  public static Path outputDir() {
    Path dir;
    try {
      Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      dir = (Files.isRegularFile(jar) ? jar.getParent() : Path.of("target")).resolve("benchmark-results");
    } catch (URISyntaxException | RuntimeException e) {
      dir = Path.of("target", "benchmark-results");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return dir;
  }

  public static String javaBinary() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  /** Starts {@code main} in a new JVM with this JVM's class path. */
  public static Process startJvm(Class<?> main, List<String> jvmArgs, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /**
   * A MongoDB server in its own JVM, so that its CPU and heap do not count as the client's: test-support's
   * {@link InJvmMongoDb#main}, which prints its port first and ends when destroyed or when this JVM is gone.
   */
  public static final class ServerProcess implements AutoCloseable {
    public final Process process;
    public final String uri;

    public ServerProcess() throws IOException {
      process = startJvm(InJvmMongoDb.class, List.of("-Xmx1g"), List.of());
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith(InJvmMongoDb.PORT_LINE_PREFIX)) {
        process.destroyForcibly();
        throw new IOException("the server JVM did not start: " + line);
      }
      uri = "mongodb://" + InJvmMongoDb.HOST + ":" + line.substring(InJvmMongoDb.PORT_LINE_PREFIX.length()).trim();
    }

    /** The server JVM's CPU time so far, in nanoseconds. */
    public long cpuNanos() {
      return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos)
          .orElseThrow(() -> new IllegalStateException("this OS does not report a process's CPU time"));
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- statistics

  public static double median(List<Double> values) {
    return Figures.median(values);
  }

  public static double min(List<Double> values) {
    return Figures.min(values);
  }

  public static double max(List<Double> values) {
    return Figures.max(values);
  }

  /** The value at quantile {@code q} (nearest rank) of a sorted copy. */
  public static double percentile(List<Double> values, double q) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    if (s.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * s.size());
    return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
  }

  /** Three significant digits, thousands separated: 1,230,000 / 98,700 / 12.3 / 0.456. */
  public static String fmt(double v) {
    return Figures.fmt(v);
  }

  static String range(List<Double> values) {
    return Figures.range(values);
  }

  // ---------------------------------------------------------------------------------------------- output

  /**
   * Prints one figure: the median of {@code values}, the median of {@code baseline}, the ratio (the median of
   * the paired ratios when {@code pairedRatios} is given, else the ratio of the medians), then the spread.
   */
  public static void figure(String name, String unit, List<Double> values, List<Double> baseline,
      List<Double> pairedRatios, String note) {
    Figures.print(name, unit, values, baseline, pairedRatios, note);
  }

  /** A figure that could not be measured, with the reason. */
  public static void notMeasured(String name, String reason) {
    System.out.println(FIGURE_PREFIX + name + ": not measured (" + reason.replace('\n', ' ') + ")");
    System.out.flush();
  }
}
