package dev.modelchange.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The meters' own cost per event ({@link MeterCost}), with JMH: one fork, iterations of one second. Its report
 * goes to {@code benchmark-results/jmh-meters.txt}. Args: warm-up and measurement iterations (default 3, 5).
 */
public final class MeterFigures {
  private MeterFigures() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int measure = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Double> metered = new ArrayList<>();
    List<Double> clock = new ArrayList<>();
    for (RunResult r : new Runner(new OptionsBuilder().include(MeterCost.class.getName() + "\\.")
        .forks(1).threads(1).warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
        .measurementIterations(measure).measurementTime(TimeValue.seconds(1)).jvmArgs("-Xmx256m")
        .output(Bench.outputDir().resolve("jmh-meters.txt").toString()).build()).run()) {
      String method = r.getParams().getBenchmark();
      List<Double> into = method.endsWith(".metered") ? metered : clock;
      for (BenchmarkResult b : r.getBenchmarkResults()) {
        for (IterationResult i : b.getIterationResults()) {
          into.add(i.getPrimaryResult().getScore());
        }
      }
    }
    Bench.figure("meters.per-event", "ns/event", metered, clock, null, "ModelChangeMetrics on a SimpleMeterRegistry: "
        + "the events counter and the delivery timer of one event, with the two System.nanoTime() that time it; "
        + "baseline = those two clock reads alone; compare with one event's whole dispatch (dispatch.observers-1: "
        + "1e9 / events per s)");
  }
}
