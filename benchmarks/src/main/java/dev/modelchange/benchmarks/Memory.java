package dev.modelchange.benchmarks;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.modelchange.ChangeListener;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.engine.ModelNamespaces;
import dev.modelchange.Subscription;
import dev.modelchange.benchmarks.generated.ModelClasses;
import dev.modelchange.benchmarks.model.Book;
import dev.modelchange.testsupport.ThreadProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;

/**
 * Figure 7, memory: retained heap (after full GCs) per idle programmatic listener and per watched collection.
 * The in-JVM server runs in a JVM of its own, so its heap does not count.
 *
 * <p>Per listener: 10,000 listeners with distinct {@code Filters.eq("userId", u)} on one already-watched
 * collection, each a lambda capturing its {@code u}; baseline: a hand-written router holding the same lambdas
 * in a {@code ConcurrentHashMap<Integer, List<ChangeListener>>} by userId. Per collection: one listener on each
 * of 100 more collections (one watcher, cursor and thread each); baseline: 100 raw driver change-stream cursors,
 * each read by its own thread (as the idle figure's baseline). Thread stacks are native memory, not counted.
 *
 * <p>Args: rounds (default 3).
 */
public final class Memory {
  private Memory() {}

  static volatile Object keep;
  private static final List<Double> SUBSCRIBE_MICROS = new ArrayList<>();
  private static final List<Double> UNSUBSCRIBE_MICROS = new ArrayList<>();
  private static final List<Double> ROUTER_ADD_MICROS = new ArrayList<>();
  private static final List<Double> ROUTER_REMOVE_MICROS = new ArrayList<>();
  private static final List<String> LEFT_AFTER_UNSUBSCRIBE = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int listeners = 10_000;
    int collections = ModelClasses.ALL.size();
    Bench.quietLogging();
    List<Double> perListener = new ArrayList<>();
    List<Double> perListenerBase = new ArrayList<>();
    List<Double> perCollection = new ArrayList<>();
    List<Double> perCollectionBase = new ArrayList<>();
    try (Bench.ServerProcess server = new Bench.ServerProcess(); MongoClient client = Bench.client(server.uri)) {
      for (Class<?> m : ModelClasses.ALL) {
        client.getDatabase(Bench.DATABASE).getCollection(ModelNamespaces.defaultCollectionName(m))
            .insertOne(new Document("userId", 0));
      }
      for (int r = 0; r < rounds; r++) {
        // each measurement in a method of its own: its locals are dead once it returns
        perListener.add(listeners(client, listeners));
        perListenerBase.add(router(listeners));
        perCollection.add(collections(client, collections));
        perCollectionBase.add(rawCursors(client, collections));
        System.err.printf("[memory] round %d: %.0f B/listener (router %.0f), %.0f B/collection (raw %.0f)%n", r,
            perListener.get(r), perListenerBase.get(r), perCollection.get(r), perCollectionBase.get(r));
      }
    }
    Bench.figure("memory.per-listener", "bytes", perListener, perListenerBase, null, "retained heap per idle "
        + "programmatic listener (10,000 with distinct Filters.eq); baseline = hand-written HashMap router");
    Bench.figure("listeners.subscribe-10000", "us/subscribe", SUBSCRIBE_MICROS, ROUTER_ADD_MICROS, null,
        "10,000 listenForChanges with distinct Filters.eq on one running stream; baseline = adding to a "
        + "hand-written HashMap router");
    Bench.figure("listeners.unsubscribe-10000", "us/unsubscribe", UNSUBSCRIBE_MICROS, ROUTER_REMOVE_MICROS, null,
        "all 10,000 unsubscribed, then the last one; left after each round (watcher threads, open streams): "
        + LEFT_AFTER_UNSUBSCRIBE + "; baseline = removing from the router");
    Bench.figure("memory.per-collection", "bytes", perCollection, perCollectionBase, null, "retained heap per "
        + "watched collection (100; one watcher, cursor, thread each; stacks not counted); baseline = a raw "
        + "cursor + reading thread per collection");
  }

  private static double listeners(MongoClient client, int listeners) {
    try (ModelChanges mc = build(client)) {
      Subscription first = mc.listenForChanges(Book.class, ListenOptions.<Book>builder()
          .filter(Filters.eq("userId", -1)).onChange((id, e) -> Sink.consume(e)).build());
      Subscription[] subs = new Subscription[listeners];
      long h0 = Bench.heapUsedAfterGc();
      long t0 = System.nanoTime();
      for (int u = 0; u < listeners; u++) {
        subs[u] = mc.listenForChanges(Book.class, ListenOptions.<Book>builder().filter(Filters.eq("userId", u))
            .onChange(listener(u)).build());
      }
      SUBSCRIBE_MICROS.add((System.nanoTime() - t0) / 1e3 / listeners);
      long h1 = Bench.heapUsedAfterGc();
      long t1 = System.nanoTime();
      for (Subscription sub : subs) {
        sub.unsubscribe();
      }
      UNSUBSCRIBE_MICROS.add((System.nanoTime() - t1) / 1e3 / listeners);
      first.unsubscribe();
      // the last unsubscribe stops the stream's thread without waiting for it: give it a moment, bounded
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (watcherThreads() > 0 && System.nanoTime() < deadline) {
        Bench.sleep(20);
      }
      LEFT_AFTER_UNSUBSCRIBE.add(watcherThreads() + " threads, "
          + ((dev.modelchange.engine.ChangeStreamEngine) mc).streams().size() + " streams");
      keep = subs;
      keep = null;
      return (double) (h1 - h0) / listeners;
    }
  }

  private static double router(int listeners) {
    Map<Integer, List<ChangeListener<Book>>> router = new ConcurrentHashMap<>();
    long h0 = Bench.heapUsedAfterGc();
    List<ChangeListener<Book>> added = new ArrayList<>(listeners);
    long t0 = System.nanoTime();
    for (int u = 0; u < listeners; u++) {
      ChangeListener<Book> l = listener(u);
      added.add(l);
      router.computeIfAbsent(u, k -> new CopyOnWriteArrayList<>()).add(l);
    }
    ROUTER_ADD_MICROS.add((System.nanoTime() - t0) / 1e3 / listeners);
    long h1 = Bench.heapUsedAfterGc();
    long t1 = System.nanoTime();
    for (int u = 0; u < listeners; u++) {
      List<ChangeListener<Book>> list = router.get(u);
      list.remove(added.get(u));
      if (list.isEmpty()) {
        router.remove(u);
      }
    }
    ROUTER_REMOVE_MICROS.add((System.nanoTime() - t1) / 1e3 / listeners);
    keep = router;
    keep = null;
    return (double) (h1 - h0) / listeners;
  }

  private static double collections(MongoClient client, int collections) {
    try (ModelChanges mc = build(client)) {
      mc.listenForChanges(Book.class, (id, e) -> Sink.consume(e));
      long h0 = Bench.heapUsedAfterGc();
      for (Class<?> m : ModelClasses.ALL.subList(0, collections)) {
        mc.listenForChanges(m, (id, e) -> Sink.consume(e));
      }
      Bench.sleep(500); // let every watcher reach its idle wait
      long h1 = Bench.heapUsedAfterGc();
      return (double) (h1 - h0) / collections;
    }
  }

  private static long watcherThreads() {
    return ThreadProbe.countStartingWith("modelchange-" + Bench.DATABASE + ".");
  }

  private static ChangeListener<Book> listener(int u) {
    return (id, e) -> Sink.consume(u);
  }

  private static ModelChanges build(MongoClient client) {
    return ModelChanges.builder().mongoClient(client).database(Bench.DATABASE)
        .config("modelchange.resume-token.store", "memory").build();
  }

  private static double rawCursors(MongoClient client, int collections) throws InterruptedException {
    long h0 = Bench.heapUsedAfterGc();
    List<Thread> threads = new ArrayList<>();
    List<MongoChangeStreamCursor<ChangeStreamDocument<Document>>> cursors = new CopyOnWriteArrayList<>();
    boolean[] stop = {false};
    for (Class<?> m : ModelClasses.ALL) {
      MongoChangeStreamCursor<ChangeStreamDocument<Document>> c = client.getDatabase(Bench.DATABASE)
          .getCollection(ModelNamespaces.defaultCollectionName(m)).watch().cursor();
      cursors.add(c);
      Thread t = new Thread(() -> {
        while (true) {
          synchronized (stop) {
            if (stop[0]) {
              return;
            }
          }
          ChangeStreamDocument<Document> d = c.tryNext();
          if (d != null) {
            Sink.consume(d);
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "raw-memory");
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    Bench.sleep(500);
    long h1 = Bench.heapUsedAfterGc();
    synchronized (stop) {
      stop[0] = true;
    }
    for (Thread t : threads) {
      t.join(2000);
    }
    cursors.forEach(MongoChangeStreamCursor::close);
    return (double) (h1 - h0) / collections;
  }
}
