package dev.modelchange.benchmarks;

import com.mongodb.client.MongoClient;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.benchmarks.model.Book;
import dev.modelchange.testsupport.InJvmMongoDb;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.BsonTimestamp;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Figure 1, end-to-end overhead. Each trial starts a fresh in-JVM server and inserts N books (the oplog then
 * holds exactly N entries), then drains that same stream once per contender, in an order rotated from trial to
 * trial: a raw driver {@code tryNext()} loop decoding {@code ChangeStreamDocument<Book>} (the baseline); ModelChange
 * in Weld SE to one {@code @Observes @ModelChange(Book.class) ChangeEvent<Book>} observer (memory token store,
 * {@code modelchange.start-at} before the inserts), without and with its Micrometer meters bound; one ModelChange
 * programmatic listener; Spring Data MongoDB's {@code DefaultMessageListenerContainer} ({@link SpringContender}). All
 * start at the same operation time, so all read the same N events. The in-JVM server returns the whole backlog in the
 * first reply, so the rate measures the consumer:
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

  /** The contenders, each draining the same stream once per trial, in an order rotated from trial to trial. */
  static final List<String> CONTENDERS = List.of("raw", "observer", "observer-meters", "listener", "spring");

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
    Map<String, List<DrainWindow>> drains = new LinkedHashMap<>();
    CONTENDERS.forEach(c -> drains.put(c, new ArrayList<>()));
    for (int t = 0; t < warmup + trials; t++) {
      InJvmMongoDb server = Bench.startServer();
      try (MongoClient client = Bench.client(server.uri())) {
        Bench.insertBooks(client, n);
        Map<String, DrainWindow> last = new LinkedHashMap<>();
        // a warm-up trial drains the same stream three times each way: the JIT needs a few hundred thousand
        // events before every path runs at steady state
        for (int d = 0; d < (t < warmup ? 3 : 1); d++) {
          for (int i = 0; i < CONTENDERS.size(); i++) {
            String c = CONTENDERS.get((i + t) % CONTENDERS.size());
            last.put(c, drain(c, client, server.uri(), n, startAt, startTs, "e2e-" + t + "-" + d));
          }
        }
        StringBuilder line = new StringBuilder();
        last.forEach((c, w) -> line.append(String.format(java.util.Locale.ROOT, " %s %.0f/s (%.0f per CPU-s);",
            c, w.rate(), w.cpuRate())));
        System.err.printf("[e2e] trial %d%s:%s%n", t, t < warmup ? " (warm-up)" : "", line);
        if (t >= warmup) {
          last.forEach((c, w) -> drains.get(c).add(w));
        }
      } finally {
        server.close();
      }
    }
    String base = "baseline = raw driver tryNext() loop; oplog " + n + " entries, fresh server per trial";
    figure("e2e.observer-1", drains, "observer", "raw", DrainWindow::rate, "events/s",
        "1 sync CDI observer in Weld SE; " + base + "; target ratio >= 0.9");
    figure("e2e.observer-1.per-cpu-second", drains, "observer", "raw", DrainWindow::cpuRate, "events/CPU-s",
        "the same drains, per second of the consuming thread's CPU time (descheduling taken out); target >= 0.9");
    figure("e2e.observer-1.allocation", drains, "observer", "raw", DrainWindow::bytesPerEvent, "bytes/event",
        "allocated by the consuming thread per event, same drains (drives GC work on the other core)");
    figure("e2e.observer-1.vs-spring.per-cpu-second", drains, "observer", "spring", DrainWindow::cpuRate,
        "events/CPU-s", "baseline = Spring Data MongoDB DefaultMessageListenerContainer + ChangeStreamRequest<Book>, "
            + "same drains; target >= 1.0");
    figure("e2e.listener-1.per-cpu-second", drains, "listener", "raw", DrainWindow::cpuRate, "events/CPU-s",
        "1 programmatic listener (ModelChanges.builder(), listenForChanges(Book.class, ...)); " + base
            + "; target >= 0.9");
    figure("e2e.listener-1.vs-spring.per-cpu-second", drains, "listener", "spring", DrainWindow::cpuRate,
        "events/CPU-s", "baseline = Spring Data, same drains; target >= 1.0");
    figure("e2e.spring.per-cpu-second", drains, "spring", "raw", DrainWindow::cpuRate, "events/CPU-s",
        "Spring Data's listener thread; " + base);
    figure("e2e.spring.allocation", drains, "spring", "raw", DrainWindow::bytesPerEvent, "bytes/event",
        "allocated by Spring's listener thread per event");
    figure("e2e.listener-1.allocation", drains, "listener", "raw", DrainWindow::bytesPerEvent, "bytes/event",
        "allocated by the watcher thread per event, programmatic listener");
    figure("e2e.observer-1.meters-on.per-cpu-second", drains, "observer-meters", "observer", DrainWindow::cpuRate,
        "events/CPU-s", "the CDI observer with ModelChangeMetrics bound to a SimpleMeterRegistry (counters, timer "
            + "per event); baseline = the same observer without meters, same trials");
    figure("e2e.observer-1.meters-on", drains, "observer-meters", "observer", DrainWindow::rate, "events/s",
        "the same, per second of wall time");
  }

  private static void figure(String name, Map<String, List<DrainWindow>> drains, String contender, String baseline,
      java.util.function.ToDoubleFunction<DrainWindow> value, String unit, String note) {
    List<Double> v = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    List<Double> paired = new ArrayList<>();
    for (int i = 0; i < drains.get(contender).size(); i++) {
      double x = value.applyAsDouble(drains.get(contender).get(i));
      double y = value.applyAsDouble(drains.get(baseline).get(i));
      v.add(x);
      b.add(y);
      paired.add(x / y);
    }
    Bench.figure(name, unit, v, b, paired, note);
  }

  private static DrainWindow drain(String contender, MongoClient client, String uri, int n, Instant startAt,
      BsonTimestamp startTs, String id) throws InterruptedException {
    return switch (contender) {
      case "raw" -> rawDrain(client, n, startTs);
      case "observer" -> modelChangeDrain(uri, n, id, false);
      case "observer-meters" -> modelChangeDrain(uri, n, id, true);
      case "listener" -> listenerDrain(client, n, startAt);
      case "spring" -> springDrain(client, n, startAt);
      default -> throw new IllegalArgumentException(contender);
    };
  }

  /** Drains with a ModelChange programmatic listener, made without CDI. */
  static DrainWindow listenerDrain(MongoClient client, int n, Instant startAt) throws InterruptedException {
    DrainWindow window = new DrainWindow(n);
    CountDownLatch done = new CountDownLatch(1);
    try (ModelChanges mc = ModelChanges.builder().mongoClient(client).database(Bench.DATABASE)
        .config("modelchange.resume-token.store", "memory").config("modelchange.start-at", startAt.toString())
        .build()) {
      // a durable id: the listener keeps a position (memory store), so it starts at start-at, like the observer
      mc.listenForChanges(Book.class, ListenOptions.<Book>builder().id("e2e").onChange((docId, e) -> {
        Sink.consume(e.fullDocument().orElseThrow());
        if (window.arrived()) {
          done.countDown();
        }
      }).build());
      if (!done.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the listener got " + window.count() + " of " + n);
      }
    }
    return window;
  }

  /** Drains with Spring Data MongoDB's message listener container. */
  static DrainWindow springDrain(MongoClient client, int n, Instant startAt) throws InterruptedException {
    DrainWindow window = new DrainWindow(n);
    CountDownLatch done = new CountDownLatch(1);
    try (SpringContender spring = new SpringContender(client)) {
      spring.listen(Bench.BOOKS, startAt, book -> {
        Sink.consume(book);
        if (window.arrived()) {
          done.countDown();
        }
      });
      if (!done.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Spring got " + window.count() + " of " + n);
      }
    }
    return window;
  }

  /** Drains with the driver alone, on a thread of its own like a watcher. */
  static DrainWindow rawDrain(MongoClient client, int n, BsonTimestamp start) throws InterruptedException {
    return Books.rawDrain(client, start, n, 1, 120, TimeUnit.SECONDS).get(0);
  }

  static DrainWindow modelChangeDrain(String uri, int n, String id, boolean meters) throws InterruptedException {
    BenchClient.uri = uri;
    DrainWindow window = new DrainWindow(n);
    OneObserver.window = window;
    OneObserver.done = new CountDownLatch(1);
    OneObserver.booted = new CountDownLatch(1);
    WeldContainer weld = Bench.boot(id, List.of(OneObserver.class, BenchClient.class));
    if (meters) {
      Bench.bindMeters(weld);
    }
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
