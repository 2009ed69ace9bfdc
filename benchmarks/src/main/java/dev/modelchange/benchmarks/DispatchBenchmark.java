package dev.modelchange.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.benchmarks.model.Book;
import dev.modelchange.engine.ChangeStreamEngine;
import dev.modelchange.engine.EventReplay;
import dev.modelchange.testsupport.InJvmMongoDb;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Figures 2 and 3 (dispatch level): one operation = one pre-recorded change event through the engine's
 * dispatch path, without a server (see {@link EventReplay}): decode the raw BSON, route, fire (CDI observers
 * through Weld, or programmatic listeners), checkpoint bookkeeping with the configured store.
 *
 * <p>{@code setup}: {@code raw} (the baseline: the driver decodes {@code ChangeStreamDocument<Book>} and a plain
 * method receives it, as a hand-written {@code tryNext()} loop would), {@code observers-1}, {@code observers-10}
 * (CDI observers in Weld SE, sync), {@code listeners-N} (N programmatic listeners with distinct
 * {@code Filters.eq("userId", u)}; each event matches exactly one). {@code store}: the resume-token store of
 * the observers' stream (listeners without an id keep no position).
 *
 * <p>Besides JMH's own score, each measurement iteration appends a line (operations, the benchmark thread's
 * CPU time, wall time, checkpoints saved) to the file named by {@code -Dbench.results}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DispatchBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int EVENTS = 1 << 14;

  @Param({"raw", "observers-1", "observers-1-predecoded", "observers-1-meters", "observers-10", "listeners-1",
      "listeners-100", "listeners-10000"})
  public String setup;

  @Param({"memory"})
  public String store;

  /** Events dispatched before JMH's warm-up with an in-memory store (see EventReplay.warmUp); 0: none. */
  @Param({"0"})
  public int prewarm;

  private RawBsonDocument[] events;
  private RawBsonDocument[] decoded;
  private int next;
  private Codec<ChangeStreamDocument<Book>> rawCodec;
  private EventReplay replay;
  private InJvmMongoDb server;
  private MongoClient client;
  private WeldContainer weld;
  private ModelChanges standalone;
  private int deliveriesPerEvent = 1;

  private long ops;
  private boolean measuring;
  private long cpuStart;
  private long wallStart;
  private long savesStart;
  private long sinkStart;

  @Setup(Level.Trial)
  public void setUp() {
    Bench.quietLogging();
    int users = setup.startsWith("listeners-") ? Integer.parseInt(setup.substring("listeners-".length())) : 100;
    events = RecordedEvents.inserts(EVENTS, users);
    if (setup.equals("raw")) {
      rawCodec = ChangeStreamDocument.createCodec(Book.class, Bench.pojoRegistry());
      return;
    }
    server = Bench.startServer();
    Map<String, String> config = new HashMap<>(Stores.config(store));
    config.put("modelchange.mongodb.database", Bench.DATABASE);
    if (setup.startsWith("observers-")) {
      Bench.config(config);
      BenchClient.uri = server.uri();
      int n = Integer.parseInt(setup.substring("observers-".length()).replace("-predecoded", "")
          .replace("-meters", ""));
      Class<?> observers = n == 1 ? DispatchObservers.One.class : n == 10 ? DispatchObservers.Ten.class : null;
      if (observers == null) {
        throw new IllegalArgumentException("observers-1 or observers-10");
      }
      deliveriesPerEvent = n;
      weld = Bench.boot("dispatch", List.of(observers, BenchClient.class));
      if (setup.endsWith("-meters")) {
        Bench.bindMeters(weld); // before the take-over: the watcher's stream tells the meters of every event
      }
      replay = EventReplay.takeOver(Engines.of(weld));
      if (prewarm > 0) {
        replay.warmUp(events, prewarm);
      }
      if (setup.endsWith("-predecoded")) {
        RawBsonDocument[] d = new RawBsonDocument[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
          d[i] = replay.decode(events[i]);
        }
        decoded = d;
      }
    } else if (setup.startsWith("listeners-")) {
      client = Bench.client(server.uri());
      ModelChanges.Builder b = ModelChanges.builder().mongoClient(client);
      config.forEach(b::config);
      standalone = b.build();
      for (int u = 0; u < users; u++) {
        standalone.listenForChanges(Book.class, ListenOptions.<Book>builder()
            .filter(Filters.eq("userId", u))
            .onChange((id, e) -> Sink.consume(e))
            .build());
      }
      replay = EventReplay.takeOver((ChangeStreamEngine) standalone);
    } else {
      throw new IllegalArgumentException("unknown setup " + setup);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    measureSaveLatency();
    if (weld != null) {
      weld.shutdown();
    }
    if (standalone != null) {
      standalone.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    Stores.dropTable(store);
  }

  @Setup(Level.Iteration)
  public void startIteration(IterationParams params) {
    measuring = params.getType() == IterationType.MEASUREMENT;
    ops = 0;
    savesStart = replay == null ? 0 : replay.checkpointsSaved();
    sinkStart = Sink.count();
    wallStart = System.nanoTime();
    cpuStart = THREADS.getCurrentThreadCpuTime();
  }

  @TearDown(Level.Iteration)
  public void endIteration() throws IOException {
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
    long wall = System.nanoTime() - wallStart;
    long saves = replay == null ? 0 : replay.checkpointsSaved() - savesStart;
    long delivered = Sink.count() - sinkStart;
    if (delivered != ops * deliveriesPerEvent) {
      System.err.println("[dispatch] WARNING " + setup + ": " + delivered + " deliveries for " + ops
          + " events, expected " + deliveriesPerEvent + " each");
    }
    String file = System.getProperty("bench.results");
    if (measuring && file != null) {
      Files.writeString(Path.of(file), String.format(Locale.ROOT, "%s %s %d %d %d %d%n", setup, store, ops, cpu,
          wall, saves), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /**
   * The latency of the store's save, called directly 200 times after the measurement (what one checkpoint
   * costs the watcher's thread); appended to the side file as {@code SAVE <store> <median µs> <p90 µs>}.
   */
  private void measureSaveLatency() throws IOException {
    String file = System.getProperty("bench.results");
    if (replay == null || replay.store() == null || file == null || !setup.equals("observers-1")) {
      return;
    }
    List<Double> micros = new java.util.ArrayList<>();
    BsonDocument token = replay.lastToken();
    for (int i = 0; i < 220; i++) {
      long t0 = System.nanoTime();
      replay.store().save(replay.key(), token);
      if (i >= 20) {
        micros.add((System.nanoTime() - t0) / 1e3);
      }
    }
    Files.writeString(Path.of(file), String.format(Locale.ROOT, "SAVE %s %.1f %.1f%n", store,
        Bench.median(micros), Bench.percentile(micros, 0.9)), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Benchmark
  public void dispatch() {
    RawBsonDocument event = events[next];
    next = (next + 1) & (EVENTS - 1);
    ops++;
    if (decoded != null) {
      replay.dispatchDecoded(decoded[next]);
    } else if (replay != null) {
      replay.dispatch(event);
    } else {
      Sink.consume(event.decode(rawCodec));
    }
  }
}
