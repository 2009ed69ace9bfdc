package dev.modelchange.benchmarks.arc;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.benchmarks.Books;
import dev.modelchange.benchmarks.DrainWindow;
import dev.modelchange.benchmarks.Figures;
import dev.modelchange.benchmarks.Sink;
import dev.modelchange.benchmarks.model.Book;
import dev.modelchange.testsupport.InJvmMongoDb;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.bson.BsonTimestamp;

/**
 * Figure 1 (end-to-end overhead) with the observer in ArC, Quarkus' CDI: the benchmarks module's {@code EndToEnd}
 * runs Weld SE and cannot boot Quarkus, and Quarkus boots once per JVM. So the design differs from EndToEnd's in
 * one way: instead of a fresh server and stream per trial, one in-JVM server gets {@code (warm-up + trials) * n}
 * books, and each contender drains that one stream once, cut into consecutive windows of {@code n} events (each
 * window measured from its event {@code n/10} to its last, as a {@link DrainWindow} does). Order: the raw driver
 * {@code tryNext()} loop decoding {@code ChangeStreamDocument<Book>} (baseline), then Quarkus boots and ModelChange
 * delivers to one {@code @Observes @ModelChange(Book.class) ChangeEvent<Book>} observer (memory token store,
 * {@code modelchange.start-at} before the inserts), then the raw loop again. Window {@code i} of the observer is
 * paired with the mean of window {@code i} of the two raw passes; the first {@code warm-up} windows of each pass
 * are left out.
 *
 * <p>Args: events per window (default 15000), warm-up windows (5), measured windows (5): 150,000 entries, about
 * 20 s in all. The in-JVM server copes with 150,000 entries in one stream; with 270,000 (30000 x 9) the raw loop's
 * first {@code aggregate} failed after minutes. With 2 warm-up windows of 30000 the observer was still warming up
 * in the measured windows (one run's rose from 169,000 to 332,000 per CPU-s).
 */
@QuarkusMain
public class ArcEndToEnd implements QuarkusApplication {

  static int n;
  static int warmup;
  static int trials;
  static String uri;
  static BsonTimestamp startTs;
  static List<DrainWindow> rawBefore;

  /** The one observer. */
  @ApplicationScoped
  public static class OneObserver {
    static final CountDownLatch BOOTED = new CountDownLatch(1);
    static final CountDownLatch DONE = new CountDownLatch(1);
    static final List<DrainWindow> WINDOWS = new ArrayList<>();
    static DrainWindow window;

    void on(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) throws InterruptedException {
      if (window == null) {
        BOOTED.await(); // the drain runs after the boot, not beside it
        window = new DrainWindow(n);
      }
      Sink.consume(e);
      if (window.arrived()) {
        WINDOWS.add(window);
        window = new DrainWindow(n);
        if (WINDOWS.size() == warmup + trials) {
          DONE.countDown();
        }
      }
    }
  }

  public static void main(String[] args) throws Exception {
    n = args.length > 0 ? Integer.parseInt(args[0]) : 15_000;
    warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    trials = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Instant startAt = Instant.now().minusSeconds(60);
    startTs = new BsonTimestamp((int) startAt.getEpochSecond(), 0);
    InJvmMongoDb server = InJvmMongoDb.start();
    uri = server.uri();
    try (MongoClient client = MongoClients.create(uri)) {
      Books.insert(client, n * (warmup + trials));
      rawBefore = rawDrain(client);
    }
    System.setProperty("quarkus.mongodb.connection-string", uri);
    System.setProperty("modelchange.start-at", startAt.toString());
    Quarkus.run(ArcEndToEnd.class, args);
  }

  @Override
  public int run(String... args) throws Exception {
    OneObserver.BOOTED.countDown();
    if (!OneObserver.DONE.await(300, TimeUnit.SECONDS)) {
      throw new IllegalStateException("ModelChange delivered " + OneObserver.WINDOWS.size() + " windows of "
          + (warmup + trials));
    }
    List<DrainWindow> observer = new ArrayList<>(OneObserver.WINDOWS);
    List<DrainWindow> rawAfter;
    try (MongoClient client = MongoClients.create(uri)) {
      rawAfter = rawDrain(client);
    }
    for (int i = 0; i < warmup + trials; i++) {
      System.err.printf(Locale.ROOT, "[e2e-arc] window %d%s: raw-before %.0f per CPU-s; observer %.0f per CPU-s; "
          + "raw-after %.0f per CPU-s%n", i, i < warmup ? " (warm-up)" : "", rawBefore.get(i).cpuRate(),
          observer.get(i).cpuRate(), rawAfter.get(i).cpuRate());
    }
    String base = "baseline = raw driver tryNext() loop, before and after the ArC drain, same JVM; oplog "
        + n * (warmup + trials) + " entries, windows of " + n;
    figure("e2e-arc.observer-1", observer, rawAfter, DrainWindow::rate, "events/s",
        "1 sync CDI observer in ArC (Quarkus); " + base + "; target ratio >= 0.9");
    figure("e2e-arc.observer-1.per-cpu-second", observer, rawAfter, DrainWindow::cpuRate, "events/CPU-s",
        "the same drains, per second of the consuming thread's CPU time; target >= 0.9");
    figure("e2e-arc.observer-1.allocation", observer, rawAfter, DrainWindow::bytesPerEvent, "bytes/event",
        "allocated by the consuming thread per event, same drains");
    return 0;
  }

  private static void figure(String name, List<DrainWindow> contender, List<DrainWindow> rawAfter,
      ToDoubleFunction<DrainWindow> value, String unit, String note) {
    List<Double> v = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    List<Double> paired = new ArrayList<>();
    for (int i = warmup; i < warmup + trials; i++) {
      double x = value.applyAsDouble(contender.get(i));
      double y1 = value.applyAsDouble(rawBefore.get(i));
      double y2 = value.applyAsDouble(rawAfter.get(i));
      v.add(x);
      b.add(y1);
      b.add(y2);
      paired.add(x / ((y1 + y2) / 2));
    }
    Figures.print(name, unit, v, b, paired, note);
  }

  /** The raw driver loop over the whole stream, in windows of n. */
  static List<DrainWindow> rawDrain(MongoClient client) throws InterruptedException {
    return Books.rawDrain(client, startTs, n, warmup + trials, 300, TimeUnit.SECONDS);
  }
}
