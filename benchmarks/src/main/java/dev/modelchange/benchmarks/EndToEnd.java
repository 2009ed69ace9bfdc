package dev.modelchange.benchmarks;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.benchmarks.model.Book;
import dev.modelchange.testsupport.InJvmMongoDb;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.BsonTimestamp;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Figure 1, end-to-end overhead. Each trial starts a fresh in-JVM server and inserts N books (the oplog then
 * holds exactly N entries), then drains that same stream twice, in alternating order: once with a raw driver
 * {@code tryNext()} loop decoding {@code ChangeStreamDocument<Book>} (the baseline), once through ModelChange in
 * Weld SE to one {@code @Observes @ModelChange(Book.class) ChangeEvent<Book>} observer (memory token store,
 * {@code modelchange.start-at} before the inserts). Both start at the same operation time, so both read the same
 * N events. The in-JVM server returns the whole backlog in the first reply, so the rate measures the consumer:
 * the driver's decoding plus, for ModelChange, its dispatch, CDI and checkpoint bookkeeping.
 *
 * <p>Args: events per trial (default 30000), warm-up trials (2), measured trials (5).
 */
public final class EndToEnd {
  private EndToEnd() {}

  /** The one observer. */
  @ApplicationScoped
  public static class OneObserver {
    static volatile DrainWindow window;
    static volatile CountDownLatch booted;
    static volatile CountDownLatch done;

    void on(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) throws InterruptedException {
      if (window.count() == 0) {
        booted.await(); // the drain runs after the boot, not beside it
      }
      Sink.consume(e);
      if (window.arrived()) {
        done.countDown();
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int trials = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Bench.quietLogging();
    Instant startAt = Instant.now().minusSeconds(60);
    BsonTimestamp startTs = new BsonTimestamp((int) startAt.getEpochSecond(), 0);
    Bench.config(Map.of(
        "modelchange.mongodb.database", Bench.DATABASE,
        "modelchange.resume-token.store", "memory",
        "modelchange.start-at", startAt.toString(),
        "modelchange.startup-timeout", "30s"));
    List<Double> mc = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> mcCpu = new ArrayList<>();
    List<Double> rawCpu = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    List<Double> mcBytes = new ArrayList<>();
    List<Double> rawBytes = new ArrayList<>();
    for (int t = 0; t < warmup + trials; t++) {
      InJvmMongoDb server = Bench.startServer();
      try (MongoClient client = Bench.client(server.uri())) {
        Bench.insertBooks(client, n);
        DrainWindow r = null;
        DrainWindow m = null;
        // a warm-up trial drains the same stream three times each way: the JIT needs a few hundred thousand
        // events before both paths run at steady state
        for (int d = 0; d < (t < warmup ? 3 : 1); d++) {
          if (t % 2 == 0) {
            r = rawDrain(client, n, startTs);
            m = modelChangeDrain(server.uri(), n, "e2e-" + t + "-" + d);
          } else {
            m = modelChangeDrain(server.uri(), n, "e2e-" + t + "-" + d);
            r = rawDrain(client, n, startTs);
          }
        }
        System.err.printf("[e2e] trial %d%s: ModelChange %.0f events/s (%.0f per CPU-s), raw %.0f events/s "
            + "(%.0f per CPU-s)%n", t, t < warmup ? " (warm-up)" : "", m.rate(), m.cpuRate(), r.rate(),
            r.cpuRate());
        if (t >= warmup) {
          mc.add(m.rate());
          raw.add(r.rate());
          ratios.add(m.rate() / r.rate());
          mcCpu.add(m.cpuRate());
          rawCpu.add(r.cpuRate());
          cpuRatios.add(m.cpuRate() / r.cpuRate());
          mcBytes.add(m.bytesPerEvent());
          rawBytes.add(r.bytesPerEvent());
        }
      } finally {
        server.close();
      }
    }
    Bench.figure("e2e.observer-1", "events/s", mc, raw, ratios, "baseline = raw driver tryNext() loop; "
        + "oplog " + n + " entries, fresh server per trial; target ratio >= 0.9");
    Bench.figure("e2e.observer-1.per-cpu-second", "events/CPU-s", mcCpu, rawCpu, cpuRatios,
        "the same drains, per second of the consuming thread's CPU time (descheduling taken out)");
    Bench.figure("e2e.observer-1.allocation", "bytes/event", mcBytes, rawBytes, null,
        "allocated by the consuming thread per event, same drains (drives GC work on the other core)");
  }

  /** Drains with the driver alone, on a thread of its own like a watcher. */
  static DrainWindow rawDrain(MongoClient client, int n, BsonTimestamp start) throws InterruptedException {
    DrainWindow window = new DrainWindow(n);
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(() -> {
      try (MongoChangeStreamCursor<ChangeStreamDocument<Book>> cursor =
          Bench.books(client).watch(Book.class).startAtOperationTime(start).cursor()) {
        while (true) {
          ChangeStreamDocument<Book> doc = cursor.tryNext();
          if (doc == null) {
            Thread.onSpinWait();
            continue;
          }
          Sink.consume(doc);
          if (window.arrived()) {
            return;
          }
        }
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "raw-driver-loop");
    thread.start();
    thread.join(TimeUnit.SECONDS.toMillis(120));
    if (failure[0] != null || window.count() != n) {
      throw new IllegalStateException("raw drain got " + window.count() + " of " + n, failure[0]);
    }
    return window;
  }

  static DrainWindow modelChangeDrain(String uri, int n, String id) throws InterruptedException {
    BenchClient.uri = uri;
    DrainWindow window = new DrainWindow(n);
    OneObserver.window = window;
    OneObserver.done = new CountDownLatch(1);
    OneObserver.booted = new CountDownLatch(1);
    WeldContainer weld = Bench.boot(id, List.of(OneObserver.class, BenchClient.class));
    OneObserver.booted.countDown();
    try {
      if (!OneObserver.done.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("ModelChange delivered " + window.count() + " of " + n);
      }
    } finally {
      weld.shutdown();
    }
    return window;
  }
}
