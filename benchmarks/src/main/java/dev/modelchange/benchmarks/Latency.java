package dev.modelchange.benchmarks;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.benchmarks.model.Book;
import dev.modelchange.testsupport.InJvmMongoDb;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Figure 4, insert-to-observer latency on the in-JVM server. Per trial: a fresh server; ModelChange in Weld SE
 * with one {@code @Observes} observer, and beside it, on the same collection, the baseline: a raw driver loop
 * that calls {@code tryNext()} and sleeps a fixed 5 ms when it returns nothing (the watcher's shortest wait).
 * One writer inserts books one at a time with random pauses of 0-100 ms (mean 50 ms); each insert's latency is
 * from just before {@code insertOne} to the observer's (or the loop's) receipt, both clocks
 * {@code System.nanoTime()} of this JVM.
 *
 * <p>The in-JVM server has no await-data: a getMore returns at once, so the watcher waits in the process,
 * 5 ms after an event and doubling to 100 ms while the stream stays quiet. That wait, not the dispatch, makes
 * the latency; on real MongoDB the server holds the getMore (up to 1 s) and answers as soon as a change
 * arrives.
 *
 * <p>Args: samples per trial (default 100), trials (3). The first 10 samples of each trial are not counted.
 */
public final class Latency {
  private Latency() {}

  /** The observer. */
  @ApplicationScoped
  public static class LatencyObserver {
    static volatile long[] arrivals;

    void on(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      arrivals[e.fullDocument().orElseThrow().getSeq()] = System.nanoTime();
    }
  }

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int maxPause = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    // pauses of 0..maxPause ms: a mean of maxPause/2 between inserts (0-100 ms: about 20 inserts/s, 0-40: 50/s)
    String prefix = maxPause == 100 ? "latency" : "latency.pauses-0-" + maxPause + "ms";
    int skip = 10;
    Bench.quietLogging();
    Bench.config(Map.of("modelchange.mongodb.database", Bench.DATABASE,
        "modelchange.resume-token.store", "memory"));
    Random random = new Random(7);
    List<Double> mc = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> mcP50 = new ArrayList<>();
    List<Double> rawP50 = new ArrayList<>();
    List<Double> mcP99 = new ArrayList<>();
    List<Double> rawP99 = new ArrayList<>();
    List<Double> spring = new ArrayList<>();
    List<Double> springP50 = new ArrayList<>();
    List<Double> springP99 = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      InJvmMongoDb server = Bench.startServer();
      BenchClient.uri = server.uri();
      long[] sent = new long[samples];
      long[] mcArrivals = new long[samples];
      long[] rawArrivals = new long[samples];
      long[] springArrivals = new long[samples];
      LatencyObserver.arrivals = mcArrivals;
      WeldContainer weld = Bench.boot("latency-" + t, List.of(LatencyObserver.class, BenchClient.class));
      try (MongoClient client = Bench.client(server.uri());
          SpringContender springContender = new SpringContender(client)) {
        springContender.listen(Bench.BOOKS, null, b -> springArrivals[b.getSeq()] = System.nanoTime());
        MongoCollection<Book> books = Bench.books(client);
        MongoChangeStreamCursor<ChangeStreamDocument<Book>> cursor = books.watch(Book.class).cursor();
        volatileStop = false;
        Thread loop = new Thread(() -> {
          try {
            while (!volatileStop) {
              ChangeStreamDocument<Book> d = cursor.tryNext();
              if (d == null) {
                Thread.sleep(5);
                continue;
              }
              rawArrivals[d.getFullDocument().getSeq()] = System.nanoTime();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            cursor.close();
          }
        }, "raw-driver-loop");
        loop.start();
        Bench.sleep(300);
        for (int i = 0; i < samples; i++) {
          Bench.sleep(random.nextInt(maxPause + 1));
          sent[i] = System.nanoTime();
          books.insertOne(new Book(i % 100, i, "Title " + i, "Author"));
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((mcArrivals[samples - 1] == 0 || rawArrivals[samples - 1] == 0 || springArrivals[samples - 1] == 0)
            && System.nanoTime() < deadline) {
          Bench.sleep(10);
        }
        volatileStop = true;
        loop.join(5000);
      } finally {
        weld.shutdown();
        server.close();
      }
      List<Double> m = new ArrayList<>();
      List<Double> r = new ArrayList<>();
      List<Double> sp = new ArrayList<>();
      for (int i = skip; i < samples; i++) {
        if (mcArrivals[i] == 0 || rawArrivals[i] == 0 || springArrivals[i] == 0) {
          throw new IllegalStateException("insert " + i + " was not received within 5 s");
        }
        m.add((mcArrivals[i] - sent[i]) / 1e6);
        r.add((rawArrivals[i] - sent[i]) / 1e6);
        sp.add((springArrivals[i] - sent[i]) / 1e6);
      }
      mc.addAll(m);
      raw.addAll(r);
      spring.addAll(sp);
      springP50.add(Bench.percentile(sp, 0.5));
      springP99.add(Bench.percentile(sp, 0.99));
      mcP50.add(Bench.percentile(m, 0.5));
      rawP50.add(Bench.percentile(r, 0.5));
      mcP99.add(Bench.percentile(m, 0.99));
      rawP99.add(Bench.percentile(r, 0.99));
      System.err.printf("[latency] trial %d: ModelChange p50 %.1f ms p99 %.1f ms; raw 5 ms poll p50 %.1f ms p99 %.1f "
          + "ms; Spring p50 %.1f ms p99 %.1f ms%n", t, mcP50.get(t), mcP99.get(t), rawP50.get(t), rawP99.get(t),
          springP50.get(t), springP99.get(t));
    }
    int n = mc.size();
    String note = "pooled over " + trials + " trials x " + (samples - skip) + " inserts; per-trial range shown; "
        + "pauses of 0-" + maxPause + " ms between inserts; baseline = raw tryNext() loop with a fixed 5 ms sleep, "
        + "on the same inserts; in-JVM server: no await-data, the watcher polls every 5 ms while events came "
        + "within 1 s, backing off to 100 ms after";
    String springNote = "pooled as above; baseline = Spring Data DefaultMessageListenerContainer (tryNext(), 10 ms "
        + "sleep when empty) on the same inserts; target: ModelChange p99 <= Spring's";
    figurePooled(prefix + ".p50", Bench.percentile(mc, 0.5), Bench.percentile(raw, 0.5), mcP50, rawP50, n, note);
    figurePooled(prefix + ".p99", Bench.percentile(mc, 0.99), Bench.percentile(raw, 0.99), mcP99, rawP99, n, note);
    figurePooled(prefix + ".vs-spring.p50", Bench.percentile(mc, 0.5), Bench.percentile(spring, 0.5), mcP50,
        springP50, n, springNote);
    figurePooled(prefix + ".vs-spring.p99", Bench.percentile(mc, 0.99), Bench.percentile(spring, 0.99), mcP99,
        springP99, n, springNote);
  }

  private static volatile boolean volatileStop;

  private static void figurePooled(String name, double v, double b, List<Double> perTrial,
      List<Double> basePerTrial, int n, String note) {
    System.out.println(Bench.FIGURE_PREFIX + name + ": " + Bench.fmt(v) + " ms (baseline " + Bench.fmt(b)
        + ", ratio " + String.format(java.util.Locale.ROOT, "%.2f", v / b) + ") | n=" + n + " per-trial "
        + Bench.range(perTrial) + "; baseline per-trial " + Bench.range(basePerTrial) + "; " + note);
  }
}
