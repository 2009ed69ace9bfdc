package dev.modelchange.tck.weld.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import dev.modelchange.tck.TckDatabase;
import dev.modelchange.tck.weld.BackendExtension;
import dev.modelchange.tck.weld.TckClientProducer;
import dev.modelchange.cdi.ModelChangeExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restarts lose nothing: the container is restarted 5 times while changes are written; with the default MongoDB
 * resume-token store every change written is delivered, and redelivery is limited to what was not yet
 * checkpointed. (Runs on any backend.)
 */
@ExtendWith(BackendExtension.class)
class RestartTest {
  private static final int WRITES = 3000;
  private static final int RESTARTS = 5;

  private static WeldContainer start() {
    return new Weld().disableDiscovery().addExtension(new ModelChangeExtension())
        .addBeanClasses(CountingObserver.class, TckClientProducer.class).initialize();
  }

  @Test
  void restartingTheContainerWhileChangesAreWrittenLosesNothing() throws Exception {
    CountingObserver.SEEN.clear();
    AtomicInteger written = new AtomicInteger();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (MongoClient client = TckDatabase.client()) {
      MongoCollection<Document> counters = TckDatabase.of(client).getCollection("counters");
      WeldContainer container = start();
      Future<?> writing = writer.submit(() -> {
        for (int i = 0; i < WRITES; i++) {
          counters.insertOne(new Document("n", i));
          written.incrementAndGet();
        }
      });
      List<Long> restartToFirstEventMillis = new java.util.ArrayList<>();
      for (int r = 0; r < RESTARTS; r++) {
        int target = (r + 1) * WRITES / (RESTARTS + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= target);
        container.close();
        int seenBefore = CountingObserver.SEEN.size();
        long restarting = System.nanoTime();
        container = start();
        if (written.get() < WRITES) {
          await().atMost(Duration.ofSeconds(30)).until(() -> CountingObserver.SEEN.size() > seenBefore);
          restartToFirstEventMillis.add((System.nanoTime() - restarting) / 1_000_000);
        }
      }
      // measured only while the writer is still writing: Weld boot plus opening the stream plus the first event
      System.out.printf("RestartTest: restart to first event (ms): %s%n", restartToFirstEventMillis);
      writing.get();
      WeldContainer last = container;
      try {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> new HashSet<>(CountingObserver.SEEN).size() == WRITES);
      } finally {
        last.close();
      }
    } finally {
      writer.shutdownNow();
    }
    List<Integer> seen = List.copyOf(CountingObserver.SEEN);
    Set<Integer> distinct = new HashSet<>(seen);
    int duplicates = seen.size() - distinct.size();
    assertThat(distinct).as("every change written is delivered").hasSize(WRITES);
    // each shutdown stores the last checkpoint, so a restart redelivers at most the unacknowledged tail
    assertThat(duplicates).as("redelivered after %d restarts", RESTARTS).isLessThanOrEqualTo(RESTARTS * 100);
    System.out.printf("RestartTest: %d written, %d delivered, %d duplicates over %d restarts%n",
        WRITES, seen.size(), duplicates, RESTARTS);
  }
}
