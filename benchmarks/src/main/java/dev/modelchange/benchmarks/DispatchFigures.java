package dev.modelchange.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Figures 2 (dispatch engine alone) and 3 (checkpoint cost, dispatch level): runs {@link DispatchBenchmark}
 * with JMH, one fork per configuration, iterations of one second, and prints the figures. Two JMH runs: the
 * dispatch configurations with the memory store, then one sync observer with each store, the memory store
 * again first, so that the stores are compared with a baseline measured next to them. JMH's own reports go to
 * {@code benchmark-results/jmh-dispatch.txt} and {@code jmh-checkpoint.txt}.
 *
 * <p>Args: warm-up and measurement iterations of the dispatch run (default 3, 4) and of the checkpoint run
 * (2, 3). {@code -Dbench.jfr=true} records each fork with JFR (JMH's {@code -prof jfr}) under
 * {@code benchmark-results/jfr-dispatch}.
 */
public final class DispatchFigures {
  private DispatchFigures() {}

  /** Events dispatched with an in-memory store before the store runs' JMH warm-up (EventReplay.warmUp). */
  private static final int PREWARM = 300_000;

  /** Per measurement iteration: JMH's score, and the side measurements of DispatchBenchmark. */
  private static final class Series {
    final List<Double> wall = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();
    final List<Double> onCpu = new ArrayList<>();
    final List<Double> writes = new ArrayList<>();
  }

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int measure = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int storeWarmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int storeMeasure = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path out = Bench.outputDir();
    Path side = out.resolve("dispatch-iterations.txt");
    Files.deleteIfExists(side);

    Map<String, Series> dispatch = new LinkedHashMap<>();
    run(dispatch, new HashMap<>(), side, out, warmup, measure, List.of("raw", "observers-1",
        "observers-1-predecoded", "observers-1-meters", "observers-10", "listeners-1", "listeners-100",
        "listeners-10000"),
        List.of("memory"), 0, "jmh-dispatch.txt");
    Series raw = dispatch.get("raw memory");
    Series obs1 = dispatch.get("observers-1 memory");
    pair("dispatch.observers-1", obs1, raw, "1 sync CDI observer in Weld SE, memory store; baseline = raw driver "
        + "decode of ChangeStreamDocument<Book> + one method call; target >= 500,000 events/s");
    pair("dispatch.observers-1.predecoded", dispatch.get("observers-1-predecoded memory"), raw, "the same from "
        + "the RawBsonDocument the cursor returns (its copy of the bytes done): ModelChange's own part (model decode, "
        + "route, CDI, checkpoint); baseline = raw driver decode");
    pair("dispatch.observers-1.meters-on", dispatch.get("observers-1-meters memory"), obs1, "the same observer "
        + "with ModelChangeMetrics bound to a SimpleMeterRegistry (an event counter and a delivery timer per event); "
        + "baseline = observers-1, meters off, same JMH run");
    pair("dispatch.observers-10", dispatch.get("observers-10 memory"), obs1, "baseline = observers-1; each event "
        + "reaches all 10 observers");
    Series lis1 = dispatch.get("listeners-1 memory");
    pair("dispatch.listeners-1", lis1, raw, "1 programmatic listener, Filters.eq(userId, u); baseline = raw "
        + "driver decode + one method call");
    pair("dispatch.listeners-100", dispatch.get("listeners-100 memory"), lis1, "baseline = listeners-1; "
        + "distinct Filters.eq(userId, u), each event matches one");
    pair("dispatch.listeners-10000", dispatch.get("listeners-10000 memory"), lis1, "baseline = listeners-1; "
        + "target ratio >= 0.5 (per-event cost at most 2x)");

    List<String> stores = new ArrayList<>(List.of("memory"));
    for (String s : List.of("mongodb", "jdbc-postgresql", "jdbc-h2")) {
      String why = Stores.unavailable(s);
      if (why == null) {
        stores.add(s);
      } else {
        Bench.notMeasured("checkpoint.dispatch." + s, why);
      }
    }
    Map<String, Series> checkpoint = new LinkedHashMap<>();
    Map<String, String> saves = new HashMap<>();
    run(checkpoint, saves, side, out, storeWarmup, storeMeasure, List.of("observers-1"), stores, PREWARM,
        "jmh-checkpoint.txt");
    Series memory = checkpoint.get("observers-1 memory");
    for (String s : stores.subList(1, stores.size())) {
      Series st = checkpoint.get("observers-1 " + s);
      if (st == null || memory == null) {
        Bench.notMeasured("checkpoint.dispatch." + s, "the JMH run failed; see jmh-checkpoint.txt");
        continue;
      }
      String latency = "one save takes " + saves.getOrDefault(s, "?") + " us median/p90 (memory store "
          + saves.getOrDefault("memory", "?") + " us)";
      Bench.figure("checkpoint.dispatch." + s, "events/s", st.wall, memory.wall, null, "1 sync observer, "
          + "baseline = memory store measured in the same JMH run; default batching (a save per 100 events, at "
          + "most one per 100 ms, or 1 s); " + latency + "; path pre-warmed with " + PREWARM
          + " events; target ratio >= 0.9");
      Bench.figure("checkpoint.dispatch." + s + ".per-cpu-second", "events/CPU-s", st.cpu, memory.cpu, null,
          "the same iterations per second of the benchmark thread's CPU time: on a loaded machine a fork that is "
              + "descheduled more than its baseline shows in the wall figure, not here");
      Bench.figure("checkpoint.dispatch." + s + ".writes", "writes/s", st.writes, memory.writes, null,
          "store writes per second in the same iterations (baseline = memory store)");
    }
  }

  private static void pair(String name, Series s, Series base, String note) {
    if (s == null || base == null || s.wall.isEmpty() || base.wall.isEmpty()) {
      Bench.notMeasured(name, "the JMH run failed; see jmh-dispatch.txt");
      return;
    }
    Bench.figure(name, "events/s", s.wall, base.wall, null, note + String.format(Locale.ROOT,
        "; benchmark thread on CPU %.0f%% of the time (baseline %.0f%%)", 100 * Bench.median(s.onCpu),
        100 * Bench.median(base.onCpu)));
    Bench.figure(name + ".per-cpu-second", "events/CPU-s", s.cpu, base.cpu, null,
        "the same iterations per second of the benchmark thread's CPU time (time descheduled by other "
            + "processes taken out)");
  }

  private static void run(Map<String, Series> results, Map<String, String> saves, Path side, Path out,
      int warmup, int measure, List<String> setups, List<String> stores, int prewarm, String log)
      throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(DispatchBenchmark.class.getName() + ".dispatch")
        .param("setup", setups.toArray(String[]::new))
        .param("store", stores.toArray(String[]::new))
        .param("prewarm", Integer.toString(prewarm))
        .forks(1)
        .threads(1)
        .warmupIterations(warmup)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(measure)
        .measurementTime(TimeValue.seconds(1))
        .jvmArgs("-Xms1g", "-Xmx1g", "-Dbench.results=" + side)
        .shouldFailOnError(false)
        .output(out.resolve(log).toString());
    if (Boolean.getBoolean("bench.jfr")) {
      options.addProfiler(JavaFlightRecorderProfiler.class, "dir=" + out.resolve("jfr-dispatch") + ";configName="
          + System.getProperty("bench.jfc", "profile"));
    }
    System.err.println("[dispatch] JMH: " + setups + " x " + stores + " (log: " + out.resolve(log) + ")");
    Collection<RunResult> runs = new Runner(options.build()).run();
    for (RunResult r : runs) {
      String key = r.getParams().getParam("setup") + " " + r.getParams().getParam("store");
      Series s = results.computeIfAbsent(key, k -> new Series());
      for (BenchmarkResult b : r.getBenchmarkResults()) {
        for (IterationResult i : b.getIterationResults()) {
          s.wall.add(i.getPrimaryResult().getScore());
        }
      }
    }
    // the side file: "setup store ops cpuNanos wallNanos saves" per measurement iteration, "SAVE store med p90"
    if (Files.exists(side)) {
      for (String line : Files.readAllLines(side, StandardCharsets.UTF_8)) {
        String[] f = line.trim().split(" ");
        if (f.length == 4 && f[0].equals("SAVE")) {
          saves.put(f[1], f[2] + "/" + f[3]);
          continue;
        }
        if (f.length != 6 || !setups.contains(f[0]) || !stores.contains(f[1])) {
          continue;
        }
        Series s = results.computeIfAbsent(f[0] + " " + f[1], k -> new Series());
        double ops = Double.parseDouble(f[2]);
        double cpu = Long.parseLong(f[3]);
        double wall = Long.parseLong(f[4]);
        s.cpu.add(ops / (cpu / 1e9));
        s.onCpu.add(cpu / wall);
        s.writes.add(Long.parseLong(f[5]) / (wall / 1e9));
      }
      Files.delete(side);
    }
  }
}
