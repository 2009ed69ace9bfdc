package dev.modelchange.tck.realmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.RequiresCapability;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract: when the primary steps down while changes are being written and streamed, an observer and a listener
 * still receive every change (at least once, so possibly twice), and no gap is reported: a step-down is a failure
 * to resume from, not lost history. Beans: {@link TickObserver}. Needs a replica set of two or more electable
 * members, reached through a connection string that follows the primary, and a user allowed to step it down.
 */
@RequiresCapability(Capability.STEP_DOWN)
public abstract class AbstractStepDownTest extends AbstractTckTest {
  private static final int WRITES = 600;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Inject
  TickObserver observer;
  @Inject
  ModelChanges modelChanges;

  private MongoCollection<Document> ticks;

  @BeforeAll
  void connect() {
    ticks = database().getCollection("ticks");
  }

  @Test
  void aStepDownOfThePrimaryMidStreamLosesNothing() throws Exception {
    List<Integer> heard = new CopyOnWriteArrayList<>();
    AtomicInteger written = new AtomicInteger();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Subscription s = modelChanges.<Tick>listenForInserts(Tick.class, (id, tick) -> heard.add(tick.getId()));
    try {
      Future<?> writing = writer.submit(() -> {
        for (int i = 0; i < WRITES; i++) {
          insertUntilWritten(i);
          written.incrementAndGet();
          pause(5);
        }
      });
      await().atMost(WAIT).until(() -> written.get() >= WRITES / 3);
      stepDownThePrimary();
      writing.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      await().atMost(WAIT).until(() -> new HashSet<>(observer.seen()).size() == WRITES
          && new HashSet<>(heard).size() == WRITES);
    } finally {
      s.unsubscribe();
      writer.shutdownNow();
    }
    Set<Integer> all = new HashSet<>();
    for (int i = 0; i < WRITES; i++) {
      all.add(i);
    }
    assertThat(new HashSet<>(observer.seen())).as("every tick reaches the observer").isEqualTo(all);
    assertThat(new HashSet<>(heard)).as("every tick reaches the listener").isEqualTo(all);
    assertThat(observer.gaps()).as("a step-down is no gap").isEmpty();
  }

  /** Writes tick {@code n}, retrying through the election; an insert that already went through counts. */
  private void insertUntilWritten(int n) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        ticks.insertOne(new Document("_id", n));
        return;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
          return;
        }
        retryOrThrow(e, deadline);
      } catch (MongoException e) {
        retryOrThrow(e, deadline);
      }
    }
  }

  private static void retryOrThrow(MongoException e, long deadline) {
    if (System.nanoTime() > deadline) {
      throw e;
    }
    pause(200);
  }

  private void stepDownThePrimary() {
    String before = primary();
    assertThat(before).as("the primary before the step-down").isNotNull();
    try {
      // 20 s unelectable; up to 10 s for a secondary to catch up first
      client().getDatabase("admin").runCommand(new Document("replSetStepDown", 20)
          .append("secondaryCatchUpPeriodSecs", 10));
    } catch (MongoSocketException e) {
      // servers before 4.2 close the connection that asked: the step-down happened all the same
    }
    await().atMost(WAIT).until(() -> {
      String now = primary();
      return now != null && !now.equals(before);
    });
  }

  /** The primary as the replica set names it, or null during an election. */
  private String primary() {
    try {
      Document hello;
      try {
        hello = client().getDatabase("admin").runCommand(new Document("hello", 1));
      } catch (MongoCommandException e) {
        hello = client().getDatabase("admin").runCommand(new Document("isMaster", 1)); // before 4.4.2
      }
      return hello.getString("primary");
    } catch (MongoException e) {
      return null; // no server selectable during the election
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
