package dev.modelchange.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the short profile: each figure in a fresh JVM (no JIT, heap or configuration carried from one figure to
 * the next), one line per figure on stdout:
 * {@code <name>: <value> <unit> (baseline <value>, ratio <value>) | <spread and notes>}. Progress goes to
 * stderr; the lines and each figure's log go to {@code benchmarks/target/benchmark-results/}. Nothing asserts:
 * the exit status is 0 whatever the figures say, and non-zero only when a figure could not run.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar                 # everything (about 6 minutes on 2 cores)
 * java -jar benchmarks/target/benchmarks.jar e2e dispatch    # some figures, of: e2e dispatch meters latency
 *                                                            #   latency50 idle boot memory arc
 * java -jar benchmarks/target/benchmarks.jar --jfr e2e       # with a JFR recording per figure JVM (and JMH fork)
 * </pre>
 */
public final class Main {
  private Main() {}

  /** A figure: a main class of this jar, or (main null) the runner of the Quarkus application {@link #ARC_JAR}. */
  private record Figure(String name, Class<?> main, List<String> args, List<String> jvmArgs) {}

  /** The ArC figure's application, built by {@code mvn -B -q -pl benchmarks-quarkus -am package -DskipTests}. */
  private static final Path ARC_JAR = Path.of("benchmarks-quarkus/target/quarkus-app/quarkus-run.jar");

  private static final List<Figure> FIGURES = List.of(
      new Figure("e2e", EndToEnd.class, List.of("30000", "2", "5"), List.of("-Xms2g", "-Xmx2g")),
      new Figure("dispatch", DispatchFigures.class, List.of("3", "4", "2", "5"), List.of("-Xmx512m")),
      new Figure("meters", MeterFigures.class, List.of("3", "5"), List.of("-Xmx256m")),
      new Figure("latency", Latency.class, List.of("100", "3"), List.of("-Xmx1g")),
      new Figure("latency50", Latency.class, List.of("100", "3", "40"), List.of("-Xmx1g")),
      new Figure("idle", Idle.class, List.of("10"), List.of("-Xmx1g")),
      new Figure("boot", Boot.class, List.of("3"), List.of("-Xmx512m")),
      new Figure("memory", Memory.class, List.of("2"), List.of("-Xmx1g")),
      new Figure("arc", null, List.of(), List.of("-Xms1g", "-Xmx1g")));

  public static void main(String[] args) throws Exception {
    boolean jfr = false;
    Set<String> only = new TreeSet<>();
    for (String a : args) {
      if (a.equals("--jfr")) {
        jfr = true;
      } else if (FIGURES.stream().anyMatch(f -> f.name.equals(a))) {
        only.add(a);
      } else {
        System.err.println("usage: java -jar benchmarks.jar [--jfr] [" + String.join("|",
            FIGURES.stream().map(Figure::name).toList()) + "]...");
        System.exit(2);
      }
    }
    Path out = Bench.outputDir();
    long start = System.nanoTime();
    List<String> lines = new ArrayList<>();
    String machine = String.format(Locale.ROOT, "machine: %d cores, %s %s (%s), %s %s, load average %.2f at start",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"), System.getProperty("os.arch"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(machine);
    lines.add(machine);
    Map<String, Double> seconds = new LinkedHashMap<>();
    boolean failed = false;
    for (Figure f : FIGURES) {
      if (!only.isEmpty() && !only.contains(f.name)) {
        continue;
      }
      long t0 = System.nanoTime();
      System.err.println("[benchmarks] " + f.name + " ...");
      List<String> jvm = new ArrayList<>(f.jvmArgs);
      if (jfr) {
        Path jfc = samplingSettings(out);
        jvm.add("-XX:StartFlightRecording=filename=" + out.resolve(f.name + ".jfr") + ",settings=" + jfc);
        jvm.add("-Dbench.jfr=true");
        jvm.add("-Dbench.jfc=" + jfc);
      }
      int exit = run(f, jvm, lines, out.resolve(f.name + ".log"));
      double s = (System.nanoTime() - t0) / 1e9;
      seconds.put(f.name, s);
      System.err.printf(Locale.ROOT, "[benchmarks] %s done in %.0f s%s%n", f.name, s,
          exit == 0 ? "" : " (FAILED, exit " + exit + ", see " + out.resolve(f.name + ".log") + ")");
      failed |= exit != 0;
    }
    String total = String.format(Locale.ROOT, "total: %.0f s (%s)", (System.nanoTime() - start) / 1e9,
        String.join(", ", seconds.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.0f s", e.getKey(), e.getValue())).toList()));
    System.out.println(total);
    lines.add(total);
    Files.write(out.resolve("figures.txt"), lines, StandardCharsets.UTF_8);
    System.exit(failed ? 1 : 0);
  }

  /**
   * The JDK's own "profile" JFR settings with method sampling every millisecond instead of every 10-20 ms (a
   * benchmark thread runs for seconds, not minutes), written next to the results.
   */
  static Path samplingSettings(Path out) throws IOException {
    String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"),
        StandardCharsets.UTF_8);
    for (String event : List.of("jdk.ExecutionSample", "jdk.NativeMethodSample")) {
      profile = profile.replaceAll("(?s)(<event name=\"" + event.replace(".", "\\.")
          + "\">.*?<setting name=\"period\"[^>]*>)[^<]*(</setting>)", "$11 ms$2");
    }
    Path jfc = out.resolve("sampling-1ms.jfc");
    Files.writeString(jfc, profile, StandardCharsets.UTF_8);
    return jfc;
  }

  private static int run(Figure f, List<String> jvmArgs, List<String> lines, Path log)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Bench.javaBinary());
    cmd.addAll(jvmArgs);
    if (f.main == null) {
      if (!Files.exists(ARC_JAR)) {
        String missing = f.name + ": not measured | " + ARC_JAR.toAbsolutePath() + " is missing: build it with "
            + "mvn -B -q -pl benchmarks-quarkus -am package -DskipTests (from the repository root)";
        System.out.println(missing);
        lines.add(missing);
        return 0;
      }
      cmd.add("-jar");
      cmd.add(ARC_JAR.toString());
    } else {
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(f.main.getName());
    }
    cmd.addAll(f.args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var logOut = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      logOut.write(String.join(" ", cmd) + "\n");
      String line;
      while ((line = in.readLine()) != null) {
        logOut.write(line);
        logOut.newLine();
        logOut.flush();
        if (line.startsWith(Bench.FIGURE_PREFIX)) {
          String figure = line.substring(Bench.FIGURE_PREFIX.length());
          System.out.println(figure);
          System.out.flush();
          lines.add(figure);
        } else if (line.startsWith("[")) {
          System.err.println("  " + line);
        }
      }
    }
    return p.waitFor();
  }
}
