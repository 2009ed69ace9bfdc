package dev.modelchange.tck.weld.faults;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.engine.ChangeStreamEngine;
import dev.modelchange.store.InMemoryResumeTokenStore;
import dev.modelchange.tck.TckDatabase;
import dev.modelchange.tck.backend.TckBackends;
import dev.modelchange.tck.weld.BackendExtension;
import dev.modelchange.tck.weld.restart.Counter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Network faults between ModelChange and MongoDB, through a TCP proxy; the writer talks to the server directly.
 * Runs on the embedded backend (it needs the server's port on this machine).
 */
@ExtendWith(BackendExtension.class)
class NetworkFaultTest {
  private static final int WRITES = 5000;
  private static final int CUTS = 12;
  private static final int CHECKPOINT_WINDOW = 100;

  private static int serverPort() {
    return URI.create(TckBackends.current().connectionString()).getPort();
  }

  private static ModelChanges listeningThrough(TcpProxy proxy, MongoClient[] client, String extraUri,
      String... config) {
    client[0] = MongoClients.create("mongodb://127.0.0.1:" + proxy.port() + "/" + extraUri);
    ModelChanges.Builder b = ModelChanges.builder().mongoClient(client[0]).database(TckDatabase.NAME)
        .resumeTokenStore(new InMemoryResumeTokenStore());
    for (int i = 0; i < config.length; i += 2) {
      b.config(config[i], config[i + 1]);
    }
    return b.build();
  }

  @Test
  void cuttingEveryConnectionRepeatedlyLosesNothingAndKeepsOrder() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    List<Integer> seenAtCut = new ArrayList<>();
    AtomicInteger written = new AtomicInteger();
    MongoClient[] listenClient = new MongoClient[1];
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (TcpProxy proxy = new TcpProxy(serverPort());
        MongoClient direct = TckDatabase.client();
        ModelChanges changes = listeningThrough(proxy, listenClient, "")) {
      changes.listenForChanges(Counter.class, ListenOptions.<Counter>builder().id("cuts")
          .onChange((id, change) -> change.fullDocument().ifPresent(c -> seen.add(c.getN()))).build());
      MongoCollection<Document> counters = TckDatabase.of(direct).getCollection("counters");
      Future<?> writing = writer.submit(() -> {
        for (int i = 0; i < WRITES; i++) {
          counters.insertOne(new Document("n", i));
          written.incrementAndGet();
        }
      });
      for (int c = 1; c <= CUTS; c++) {
        int target = c * WRITES / (CUTS + 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= target && seen.size() >= target / 2);
        seenAtCut.add(seen.size());
        proxy.cutAll();
      }
      writing.get();
      await().atMost(Duration.ofSeconds(60)).until(() -> new HashSet<>(seen).size() == WRITES);
    } finally {
      writer.shutdownNow();
      if (listenClient[0] != null) {
        listenClient[0].close();
      }
    }
    List<Integer> firstSeen = new ArrayList<>();
    Set<Integer> distinct = new HashSet<>();
    for (Integer n : seen) {
      if (distinct.add(n)) {
        firstSeen.add(n);
      }
    }
    int duplicates = seen.size() - distinct.size();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < WRITES; i++) {
      expected.add(i);
    }
    assertThat(firstSeen).as("every change, in the order written").isEqualTo(expected);
    assertThat(duplicates).as("redelivered after %d cuts", CUTS).isLessThanOrEqualTo(CUTS * CHECKPOINT_WINDOW);
    System.out.printf("NetworkFaultTest cuts: %d written, %d delivered, %d duplicates over %d cuts%n",
        WRITES, seen.size(), duplicates, CUTS);
  }

  @Test
  void anOutageOfTenSecondsIsRetriedWithBackoffAndLosesNothing() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    MongoClient[] listenClient = new MongoClient[1];
    long outageMillis = 10_000;
    long selectionMillis = 500;
    try (TcpProxy proxy = new TcpProxy(serverPort());
        MongoClient direct = TckDatabase.client();
        ModelChanges changes = listeningThrough(proxy, listenClient,
            "?serverSelectionTimeoutMS=" + selectionMillis + "&connectTimeoutMS=500",
            "modelchange.retry.initial-delay", "100ms", "modelchange.retry.max-delay", "2s",
            "modelchange.retry.multiplier", "2", "modelchange.retry.jitter", "0")) {
      changes.listenForChanges(Counter.class, ListenOptions.<Counter>builder().id("outage")
          .onChange((id, change) -> change.fullDocument().ifPresent(c -> seen.add(c.getN()))).build());
      MongoCollection<Document> counters = TckDatabase.of(direct).getCollection("counters");
      counters.insertOne(new Document("n", 0));
      await().atMost(WAIT).until(() -> seen.contains(0));

      long failedBefore = ((ChangeStreamEngine) changes).failedAttempts();
      proxy.stop();
      long stoppedAt = System.nanoTime();
      for (int i = 1; i <= 100; i++) {
        counters.insertOne(new Document("n", i)); // written while ModelChange cannot reach the server
      }
      await().atMost(Duration.ofSeconds(outageMillis / 1000 + 5))
          .until(() -> System.nanoTime() - stoppedAt >= outageMillis * 1_000_000);
      long failedDuringOutage = ((ChangeStreamEngine) changes).failedAttempts() - failedBefore;
      proxy.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> new HashSet<>(seen).size() == 101);
      long expected = expectedAttempts(outageMillis, selectionMillis, 100, 2000, 2.0);
      System.out.printf("NetworkFaultTest outage: %d attempts failed in %d ms (backoff predicts %d); "
          + "%d of 101 changes delivered%n", failedDuringOutage, outageMillis, expected, new HashSet<>(seen).size());
      assertThat(failedDuringOutage).as("attempts during the outage, as the backoff predicts")
          .isBetween(expected - 2, expected + 2);
    } finally {
      if (listenClient[0] != null) {
        listenClient[0].close();
      }
    }
  }

  /** Attempts that fail within the outage: each waits for server selection, then for the next backoff delay. */
  private static long expectedAttempts(long outage, long selection, long initial, long max, double multiplier) {
    long t = selection; // the open cursor's first failure
    long attempts = 0;
    double delay = initial;
    while (t <= outage) {
      attempts++;
      t += (long) Math.min(max, delay) + selection;
      delay *= multiplier;
    }
    return attempts;
  }
}
