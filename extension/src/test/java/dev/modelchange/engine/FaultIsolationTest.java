package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import dev.modelchange.ListenOptions;
import dev.modelchange.StreamState;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.store.InMemoryResumeTokenStore;
import dev.modelchange.testsupport.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One bad event, receiver or filter never stalls, kills or floods a stream: each scenario was reproduced against
 * the build before this test (issue 12) and its figure is in the assertion messages.
 */
class FaultIsolationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final EngineFixture fixture = new EngineFixture();
  private final CapturedLog log = new CapturedLog("dev.modelchange.engine");

  @AfterEach
  void close() {
    log.close();
    fixture.close();
  }

  private static Document doc(String id) {
    return new Document("_id", id);
  }

  /** Writes a marker and waits until {@code seen} has it: everything written before it was read by then. */
  private void awaitMarker(List<String> seen, String marker) {
    fixture.items.insertOne(doc(marker));
    await().atMost(WAIT).until(() -> seen.contains(marker));
  }

  @Test
  void aFilterThatCannotBeEvaluatedOnADocumentDoesNotStallTheStream() {
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);
    List<String> poisoned = new CopyOnWriteArrayList<>();
    List<String> healthy = new CopyOnWriteArrayList<>();
    fixture.engine.listenForChanges(BsonDocument.class, ListenOptions.<BsonDocument>builder()
        .filter(Filters.eq("tags.99999999999", "x")).onChange((id, c) -> poisoned.add(id)).build());
    fixture.engine.listenForChanges(BsonDocument.class, (id, c) -> healthy.add(id));

    fixture.items.insertOne(doc("tagged").append("tags", List.of("a", "b")));
    awaitMarker(healthy, "after");

    assertThat(healthy).containsExactly("tagged", "after");
    assertThat(poisoned).as("a path past the end of an array matches nothing").isEmpty();
    assertThat(fixture.engine.failedAttempts()).as("reopens caused by one event").isZero();
    assertThat(fixture.engine.watchers()).allSatisfy(w -> assertThat(w.stats().cursorsOpened.get()).isEqualTo(1));
    assertThat(log.recordsAt(Level.WARNING, "MODELCHANGE-071")).as("stream failures logged").isEmpty();
  }

  @Test
  void aListenerThrowingAnErrorIsIsolatedAndToldThroughOnError() {
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<String> throwing = new CopyOnWriteArrayList<>();
    List<String> other = new CopyOnWriteArrayList<>();
    fixture.engine.listenForChanges(BsonDocument.class, ListenOptions.<BsonDocument>builder()
        .onChange((id, c) -> {
          throwing.add(id);
          if (id.startsWith("assert")) {
            throw new AssertionError("a listener's assertion");
          }
          if (id.startsWith("deep")) {
            throw new StackOverflowError("a listener's recursion");
          }
        }).onError(errors::add).build());
    fixture.engine.listenForChanges(BsonDocument.class, (id, c) -> other.add(id));

    fixture.items.insertOne(doc("assert-1"));
    fixture.items.insertOne(doc("deep-1"));
    awaitMarker(other, "after-errors");
    awaitMarker(throwing, "still-subscribed");

    assertThat(other).containsExactly("assert-1", "deep-1", "after-errors", "still-subscribed");
    assertThat(errors).extracting(Throwable::getClass).containsExactly(AssertionError.class, StackOverflowError.class);
    assertThat(fixture.engine.watchers()).allSatisfy(w -> assertThat(w.life().isAlive()).isTrue());
  }

  @Test
  void anObserverThrowingAnErrorIsReportedAndTheOthersGoOn() {
    fixture.observer = e -> {
      if ("assert-1".equals(e.id())) {
        throw new AssertionError("an observer's assertion");
      }
    };
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);
    fixture.items.insertOne(doc("assert-1"));
    fixture.items.insertOne(doc("after"));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("after"));

    assertThat(fixture.failures).singleElement().satisfies(f -> {
      assertThat(f.cause()).isInstanceOf(AssertionError.class);
      assertThat(f.documentKey()).contains(new BsonDocument("_id", new org.bson.BsonString("assert-1")));
      assertThat(f.resumeToken()).isPresent();
    });
    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-060")).singleElement()
        .satisfies(r -> assertThat(r.getMessage()).contains("\"_id\": \"assert-1\"").contains("token"));
  }

  @Test
  void aWorkerThatDiesOfAFatalErrorIsLoggedAndRestartedFromItsLastPosition() {
    AtomicBoolean thrown = new AtomicBoolean();
    fixture.config.put(ConfigKeys.RETRY_INITIAL_DELAY, "10ms");
    fixture.observer = e -> {
      if ("fatal".equals(e.id()) && thrown.compareAndSet(false, true)) {
        throw new OutOfMemoryError("simulated: the JVM ran out of memory while an observer ran");
      }
    };
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);
    fixture.items.insertOne(doc("before"));
    fixture.items.insertOne(doc("fatal"));
    fixture.items.insertOne(doc("after"));

    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("after"));
    assertThat(fixture.deliveredIds()).as("the change in hand comes again after the restart")
        .containsSubsequence("before", "fatal", "fatal", "after");
    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-068")).as("the worker's death is logged").hasSize(1);
    assertThat(fixture.failures).as("and reported").anySatisfy(
        f -> assertThat(f.cause()).isInstanceOf(OutOfMemoryError.class));
    assertThat(fixture.engine.watchers()).allSatisfy(w -> {
      assertThat(w.life().isAlive()).isTrue();
      assertThat(w.life().state()).isEqualTo(StreamState.OPEN);
    });
  }

  @Test
  void repeatedFailuresOfOneObserverAreSummarisedOnceAMinute() {
    ShiftableClock clock = new ShiftableClock();
    fixture.clock = clock;
    fixture.observer = e -> {
      if (e.id().startsWith("bad")) {
        throw new IllegalStateException("fails on every event");
      }
    };
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);
    List<Document> bad = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      bad.add(doc("bad-" + i));
    }
    fixture.items.insertMany(bad);
    await().atMost(WAIT).until(() -> fixture.failures.size() == 500);

    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-060")).as("whole failures logged of 500").hasSize(1);
    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-066")).as("summaries within the first minute").isEmpty();
    clock.advance(Duration.ofSeconds(61));
    fixture.items.insertOne(doc("bad-500"));
    await().atMost(WAIT).until(() -> log.recordsAt(Level.SEVERE, "MODELCHANGE-066").size() == 1);
    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-066").get(0).getMessage()).contains("500 more times");
    fixture.items.insertOne(doc("good"));
    await().atMost(WAIT).until(() -> log.recordsAt(Level.INFO, "MODELCHANGE-067").size() == 1);
    assertThat(fixture.failures).as("a ChangeStreamFailure for each event").hasSize(501);
    assertThat(log.printedLines()).as("console lines for 501 failures").isLessThan(200);
  }

  @Test
  void anEventThatCannotBeDecodedIsReportedWithItsKeyAndTokenAndTheStreamMovesOn() {
    fixture.modelType = Numbered.class;
    fixture.config.put(ConfigKeys.modelCollection(Numbered.class.getName()), "items");
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);

    fixture.items.insertOne(doc("not-a-number").append("n", "seven"));
    fixture.items.insertOne(doc("a-number").append("n", 7));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("a-number"));

    assertThat(fixture.failures).singleElement().satisfies(f -> {
      assertThat(f.event()).as("the event could not be decoded").isEmpty();
      assertThat(f.documentKey()).contains(new BsonDocument("_id", new org.bson.BsonString("not-a-number")));
      assertThat(f.resumeToken()).isPresent();
    });
    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-060")).singleElement().satisfies(r -> assertThat(r.getMessage())
        .contains("\"_id\": \"not-a-number\"").contains("token").doesNotContain("seven"));
  }

  /** A model whose {@code n} must be a number. */
  public static final class Numbered {
    private String id;
    private int n;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public int getN() {
      return n;
    }

    public void setN(int n) {
      this.n = n;
    }
  }

}
