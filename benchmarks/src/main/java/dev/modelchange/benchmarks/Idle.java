package dev.modelchange.benchmarks;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.concurrent.atomic.AtomicLong;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.modelchange.ModelChanges;
import dev.modelchange.engine.ModelNamespaces;
import dev.modelchange.benchmarks.generated.ModelClasses;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * Figure 5, idle cost: CPU, as % of one core, of ModelChange watching 1 and 100 collections where nothing
 * changes, over 10 s (five windows of 2 s, after 2 s of settling). The in-JVM server runs in a JVM of its own,
 * so that the client's CPU (this JVM: the watcher threads, the driver, the JVM's own background) and the
 * server's (answering the getMores) are measured apart. Baseline: the same number of raw driver loops, each
 * on its own thread, calling {@code tryNext()} and sleeping 100 ms when it returns nothing (IN-JVM-MONGODB.md's
 * idle-friendly loop).
 *
 * <p>Args: seconds measured per scenario (default 10).
 */
public final class Idle {
  private Idle() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final AtomicLong GET_MORE_COUNT = new AtomicLong();
  /** Counts the getMore commands the client sends: the polling rate. */
  private static final CommandListener GET_MORES = new CommandListener() {
    @Override
    public void commandStarted(CommandStartedEvent event) {
      if (event.getCommandName().equals("getMore")) {
        GET_MORE_COUNT.incrementAndGet();
      }
    }
  };

  /** Client process, loop threads, server process: % of one core, one value per window. */
  static final class Cpu {
    final List<Double> client = new ArrayList<>();
    final List<Double> threads = new ArrayList<>();
    final List<Double> server = new ArrayList<>();
    final List<Double> getMores = new ArrayList<>();
    /** Over the whole measurement (process CPU is counted in 10 ms ticks: too coarse for 2 s windows). */
    double clientTotal;
    double serverTotal;
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Bench.quietLogging();
    try (Bench.ServerProcess server = new Bench.ServerProcess();
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.uri))
            .addCommandListener(GET_MORES).build())) {
      // create the collections, so that both sides watch existing ones
      for (Class<?> m : ModelClasses.ALL) {
        client.getDatabase(Bench.DATABASE).getCollection(ModelNamespaces.defaultCollectionName(m))
            .insertOne(new Document("userId", 0));
      }
      // warm-up, not counted: both JVMs compile their polling paths (ModelChange's and the raw loops')
      modelChange(client, server, 100, 1);
      rawLoops(client, server, 100, 1);
      for (int count : new int[] {1, 100}) {
        Cpu mc = modelChange(client, server, count, seconds);
        Cpu raw = rawLoops(client, server, count, seconds);
        Cpu spring = springListeners(client, server, count, seconds);
        String scope = "idle.watchers-" + count;
        Bench.figure(scope + ".cpu", "% of a core", mc.threads, raw.threads, null, String.format(Locale.ROOT,
            "%d idle collection(s), %d s in %d windows; CPU of the watcher threads (ThreadMXBean), baseline = "
                + "%d raw tryNext()+100 ms sleep loop thread(s); whole client JVM %s%% (baseline %s%%); "
                + "in-JVM server JVM %s%% (baseline %s%%); getMores/s %s (baseline %s)", count, seconds,
            mc.threads.size(), count, Bench.fmt(mc.clientTotal), Bench.fmt(raw.clientTotal),
            Bench.fmt(mc.serverTotal), Bench.fmt(raw.serverTotal), Bench.fmt(Bench.median(mc.getMores)),
            Bench.fmt(Bench.median(raw.getMores))));
        Bench.figure(scope + ".vs-spring.cpu", "% of a core", mc.threads, spring.threads, null,
            String.format(Locale.ROOT, "the same ModelChange windows; baseline = Spring Data "
                + "DefaultMessageListenerContainer, one ChangeStreamRequest per collection (its task threads: "
                + "tryNext(), 10 ms sleep when empty); whole client JVM %s%% (Spring %s%%); in-JVM server JVM "
                + "%s%% (Spring %s%%); getMores/s %s (Spring %s)", Bench.fmt(mc.clientTotal),
                Bench.fmt(spring.clientTotal), Bench.fmt(mc.serverTotal), Bench.fmt(spring.serverTotal),
                Bench.fmt(Bench.median(mc.getMores)), Bench.fmt(Bench.median(spring.getMores))));
      }
      // the scenario: 100 listeners with filters on one collection (ModelChange shares one cursor)
      Cpu mc = modelChangeFiltered(client, server, 100, seconds);
      Cpu spring = springFiltered(client, server, 100, seconds);
      Bench.figure("idle.listeners-100-filtered.cpu", "% of a core", mc.threads, spring.threads, null,
          String.format(Locale.ROOT, "100 listeners with distinct Filters.eq(userId, u) on one quiet collection: "
              + "ModelChange's one watcher thread; baseline = Spring Data, 100 ChangeStreamRequests with "
              + "$match on fullDocument.userId (100 task threads); target <= 1%% of a core; whole client JVM %s%% "
              + "(Spring %s%%); in-JVM server JVM %s%% (Spring %s%%); getMores/s %s (Spring %s)",
              Bench.fmt(mc.clientTotal), Bench.fmt(spring.clientTotal), Bench.fmt(mc.serverTotal),
              Bench.fmt(spring.serverTotal), Bench.fmt(Bench.median(mc.getMores)),
              Bench.fmt(Bench.median(spring.getMores))));
    }
  }

  private static Cpu modelChange(MongoClient client, Bench.ServerProcess server, int count, int seconds) {
    try (ModelChanges mc = ModelChanges.builder().mongoClient(client).database(Bench.DATABASE)
        .config("modelchange.resume-token.store", "memory").build()) {
      for (Class<?> m : ModelClasses.ALL.subList(0, count)) {
        mc.listenForChanges(m, (id, e) -> Sink.consume(e));
      }
      return measure(server, "modelchange-", count, seconds);
    }
  }

  private static Cpu modelChangeFiltered(MongoClient client, Bench.ServerProcess server, int count, int seconds) {
    try (ModelChanges mc = ModelChanges.builder().mongoClient(client).database(Bench.DATABASE)
        .config("modelchange.resume-token.store", "memory").build()) {
      for (int u = 0; u < count; u++) {
        listenFiltered(mc, ModelClasses.ALL.get(0), u);
      }
      return measure(server, "modelchange-", 1, seconds);
    }
  }

  private static <T> void listenFiltered(ModelChanges mc, Class<T> model, int userId) {
    mc.listenForChanges(model, dev.modelchange.ListenOptions.<T>builder()
        .filter(com.mongodb.client.model.Filters.eq("userId", userId)).onChange((id, e) -> Sink.consume(e)).build());
  }

  private static Cpu springFiltered(MongoClient client, Bench.ServerProcess server, int count, int seconds)
      throws InterruptedException {
    try (SpringContender spring = new SpringContender(client)) {
      for (int u = 0; u < count; u++) {
        spring.listenToDocuments(ModelNamespaces.defaultCollectionName(ModelClasses.ALL.get(0)),
            new Document("$match", new Document("fullDocument.userId", u)), Sink::consume);
      }
      return measure(server, SpringContender.THREAD_PREFIX, count, seconds);
    }
  }

  private static Cpu springListeners(MongoClient client, Bench.ServerProcess server, int count, int seconds)
      throws InterruptedException {
    try (SpringContender spring = new SpringContender(client)) {
      for (Class<?> m : ModelClasses.ALL.subList(0, count)) {
        spring.listenToDocuments(ModelNamespaces.defaultCollectionName(m), null, Sink::consume);
      }
      return measure(server, SpringContender.THREAD_PREFIX, count, seconds);
    }
  }

  private static Cpu rawLoops(MongoClient client, Bench.ServerProcess server, int count, int seconds)
      throws InterruptedException {
    List<Thread> loops = new ArrayList<>();
    boolean[] stop = {false};
    for (Class<?> m : ModelClasses.ALL.subList(0, count)) {
      String name = ModelNamespaces.defaultCollectionName(m);
      Thread t = new Thread(() -> {
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor =
            client.getDatabase(Bench.DATABASE).getCollection(name).watch().cursor()) {
          while (!stopped(stop)) {
            ChangeStreamDocument<Document> d = cursor.tryNext();
            if (d == null) {
              Thread.sleep(100);
            } else {
              Sink.consume(d);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "raw-idle-" + name);
      t.setDaemon(true);
      t.start();
      loops.add(t);
    }
    try {
      return measure(server, "raw-idle-", count, seconds);
    } finally {
      synchronized (stop) {
        stop[0] = true;
      }
      for (Thread t : loops) {
        t.join(2000);
      }
    }
  }

  private static boolean stopped(boolean[] stop) {
    synchronized (stop) {
      return stop[0];
    }
  }

  private static Cpu measure(Bench.ServerProcess server, String threadPrefix, int expected, int seconds) {
    Bench.sleep(1500); // settle: the watchers' wait grows to 100 ms within ~0.3 s
    int found = (int) threadCpu(threadPrefix)[1];
    if (found != expected) {
      throw new IllegalStateException("expected " + expected + " threads named " + threadPrefix + "*, found " + found);
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Cpu cpu = new Cpu();
    long start = System.nanoTime();
    long proc = os.getProcessCpuTime();
    long serverStart = server.cpuNanos();
    int windows = Math.max(1, Math.min(5, seconds / 2));
    long windowNanos = seconds * 1_000_000_000L / windows;
    for (int w = 0; w < windows; w++) {
      long wall0 = System.nanoTime();
      long proc0 = os.getProcessCpuTime();
      long threads0 = threadCpu(threadPrefix)[0];
      long server0 = server.cpuNanos();
      long getMores0 = GET_MORE_COUNT.get();
      Bench.sleep(windowNanos / 1_000_000);
      long wall = System.nanoTime() - wall0;
      cpu.getMores.add((GET_MORE_COUNT.get() - getMores0) / (wall / 1e9));
      cpu.client.add(100.0 * (os.getProcessCpuTime() - proc0) / wall);
      cpu.threads.add(100.0 * (threadCpu(threadPrefix)[0] - threads0) / wall);
      cpu.server.add(100.0 * (server.cpuNanos() - server0) / wall);
    }
    long total = System.nanoTime() - start;
    cpu.clientTotal = 100.0 * (os.getProcessCpuTime() - proc) / total;
    cpu.serverTotal = 100.0 * (server.cpuNanos() - serverStart) / total;
    System.err.printf(Locale.ROOT, "[idle] %s x%d: client %s %%, threads %s %%, server %s %%, getMores/s %s%n",
        threadPrefix, expected, cpu.client, cpu.threads, cpu.server, cpu.getMores);
    return cpu;
  }

  /** {CPU nanoseconds, count} of the live threads whose name starts with the prefix. */
  private static long[] threadCpu(String prefix) {
    long sum = 0;
    long n = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(prefix)) {
        long t = THREADS.getThreadCpuTime(info.getThreadId());
        if (t > 0) {
          sum += t;
          n++;
        }
      }
    }
    return new long[] {sum, n};
  }
}
