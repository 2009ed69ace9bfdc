package dev.modelchange.tck.listeners;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.TckDatabase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract of the programmatic API ({@code ModelChanges}): the examples of DESIGN.md, shared cursors, unsubscribe
 * semantics and option checks. Beans: none besides ModelChange's own.
 */
public abstract class AbstractListenerTest extends AbstractTckTest {
  private static final String MESSAGES = TckDatabase.NAME + ".messages";

  @Inject
  ModelChanges modelChanges;

  private MongoCollection<Document> messages;
  private final List<Subscription> subscriptions = new ArrayList<>();

  @BeforeAll
  void connect() {
    messages = database().getCollection("messages");
  }

  @AfterEach
  void unsubscribeAll() {
    subscriptions.forEach(Subscription::unsubscribe);
    subscriptions.clear();
    await().atMost(WAIT).until(() -> WatcherThreads.of(MESSAGES) == 0);
  }

  private <S extends Subscription> S keep(S s) {
    subscriptions.add(s);
    return s;
  }

  @Test
  void listenForChangesReceivesWhatIsWrittenAfterItReturns() {
    List<String> seen = new CopyOnWriteArrayList<>();
    keep(modelChanges.listenForChanges(Message.class, (id, change) -> seen.add(id + " was "
        + change.operationType().getValue())));
    messages.insertOne(new Document("_id", "m1").append("text", "hi"));
    messages.deleteOne(Filters.eq("_id", "m1"));

    await().atMost(WAIT).until(() -> seen.size() == 2);
    assertThat(seen).containsExactly("m1 was insert", "m1 was delete");
  }

  @Test
  void optionsFilterOperationsFullDocumentAndPipeline() {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    keep(modelChanges.listenForChanges(Message.class, ListenOptions.<Message>builder()
        .filter(Filters.eq("userId", "u1"))
        .operationTypes(OperationType.INSERT, OperationType.UPDATE)
        .fullDocument(FullDocument.UPDATE_LOOKUP)
        .pipeline(List.of(Aggregates.match(Filters.eq("fullDocument.published", true))))
        .onChange((id, change) -> seen.add(change.operationType().getValue() + " " + id + " "
            + change.fullDocument().map(Message::getText).orElse("-")))
        .onError(errors::add)
        .build()));
    messages.insertOne(new Document("_id", "a").append("userId", "u1").append("text", "mine").append("published", true));
    messages.insertOne(new Document("_id", "b").append("userId", "u2").append("text", "theirs").append("published", true));
    messages.insertOne(new Document("_id", "c").append("userId", "u1").append("text", "draft").append("published", false));
    messages.updateOne(Filters.eq("_id", "a"), Updates.set("text", "edited"));
    // not "a": an update's document is looked up when the event is read, and a deleted one is not found
    messages.deleteOne(Filters.eq("_id", "c"));
    messages.insertOne(new Document("_id", "z").append("userId", "u1").append("text", "last").append("published", true));

    await().atMost(WAIT).untilAsserted(() ->
        assertThat(seen).containsExactly("insert a mine", "update a edited", "insert z last"));
    assertThat(errors).isEmpty();
  }

  @Test
  void insertsUpdatesAndDeletesHelpers() {
    List<String> inserted = new CopyOnWriteArrayList<>();
    List<String> updated = new CopyOnWriteArrayList<>();
    List<String> deleted = new CopyOnWriteArrayList<>();
    keep(modelChanges.listenForInserts(Message.class, (String id, Message m) -> inserted.add(id + ":" + m.getText())));
    keep(modelChanges.<Message>listenForUpdates(Message.class, (id, change) -> updated.add(
        change.operationType().getValue())));
    keep(modelChanges.<Message>listenForDeletes(Message.class, deleted::add));
    messages.insertOne(new Document("_id", "h1").append("text", "one"));
    messages.updateOne(Filters.eq("_id", "h1"), Updates.set("text", "two"));
    messages.deleteOne(Filters.eq("_id", "h1"));

    await().atMost(WAIT).until(() -> deleted.size() == 1);
    assertThat(inserted).containsExactly("h1:one");
    assertThat(updated).containsExactly("update");
    assertThat(deleted).containsExactly("h1");
  }

  @Test
  void listenersWithTheSameStreamShapeShareOneCursor() {
    List<String> seen = new CopyOnWriteArrayList<>();
    for (int u = 0; u < 50; u++) {
      String user = "user" + u;
      keep(modelChanges.listenForChanges(Message.class, ListenOptions.<Message>builder()
          .filter(Filters.eq("userId", user)).onChange((id, change) -> seen.add(user + ":" + id)).build()));
    }
    keep(modelChanges.listenForInserts(Message.class, (String id, Message m) -> seen.add("all:" + id)));
    assertThat(WatcherThreads.of(MESSAGES)).isEqualTo(1);

    messages.insertOne(new Document("_id", "s1").append("userId", "user7"));
    messages.insertOne(new Document("_id", "s2").append("userId", "user42"));

    await().atMost(WAIT).until(() -> seen.size() == 4);
    assertThat(seen).containsExactlyInAnyOrder("user7:s1", "all:s1", "user42:s2", "all:s2");
    assertThat(WatcherThreads.of(MESSAGES)).isEqualTo(1);

    keep(modelChanges.listenForChanges(Message.class, ListenOptions.<Message>builder()
        .fullDocument(FullDocument.UPDATE_LOOKUP).onChange((id, change) -> { }).build()));
    assertThat(WatcherThreads.of(MESSAGES)).as("another full-document mode needs its own cursor").isEqualTo(2);
  }

  @Test
  void afterUnsubscribeReturnsTheListenerIsNeverCalledAgainEvenDuringDispatch() throws Exception {
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> calls = new CopyOnWriteArrayList<>();
    List<String> witness = new CopyOnWriteArrayList<>();
    Subscription slow = keep(modelChanges.listenForChanges(Message.class, (id, change) -> {
      calls.add("start " + id);
      inCall.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      calls.add("end " + id);
    }));
    keep(modelChanges.listenForChanges(Message.class, (id, change) -> witness.add(id)));

    messages.insertOne(new Document("_id", "u1"));
    assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<?> unsubscribing = executor.submit(slow::unsubscribe);
      await().atMost(WAIT).until(() -> !slow.isActive());
      // unsubscribe has begun, and waits for the call in progress
      assertThat(unsubscribing.isDone()).isFalse();
      release.countDown();
      unsubscribing.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
    assertThat(calls).containsExactly("start u1", "end u1");

    messages.insertOne(new Document("_id", "u2"));
    await().atMost(WAIT).until(() -> witness.contains("u2"));
    assertThat(calls).containsExactly("start u1", "end u1");
  }

  @Test
  void unsubscribingTheLastListenerClosesTheCursorAndItsThread() {
    Subscription s = modelChanges.listenForChanges(Message.class, (id, change) -> { });
    try (Subscription t = modelChanges.listenForDeletes(Message.class, id -> { })) {
      assertThat(WatcherThreads.of(MESSAGES)).isEqualTo(1);
      s.unsubscribe();
      assertThat(s.isActive()).isFalse();
      assertThat(t.isActive()).isTrue();
      assertThat(WatcherThreads.of(MESSAGES)).isEqualTo(1);
    }
    await().atMost(WAIT).until(() -> WatcherThreads.of(MESSAGES) == 0);
  }

  @Test
  void aThrowingListenerGoesToOnErrorAndStaysSubscribed() {
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    Subscription s = keep(modelChanges.listenForChanges(Message.class, ListenOptions.<Message>builder()
        .onChange((id, change) -> {
          seen.add(id);
          if (id.equals("bad")) {
            throw new IllegalStateException("listener fails on purpose");
          }
        })
        .onError(errors::add)
        .build()));
    messages.insertOne(new Document("_id", "bad"));
    messages.insertOne(new Document("_id", "good"));

    await().atMost(WAIT).until(() -> seen.size() == 2);
    assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessage("listener fails on purpose"));
    assertThat(s.isActive()).isTrue();
  }

  @Test
  void badOptionsAreRejectedNamingTheOption() {
    assertThatThrownBy(() -> ListenOptions.<Message>builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onChange");
    assertThatThrownBy(() -> ListenOptions.<Message>builder().operationTypes().onChange((i, c) -> { }).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operationTypes");
    assertThatThrownBy(() -> modelChanges.listenForChanges(Message.class, ListenOptions.<Message>builder()
        .filter(new Document("$where", "true")).onChange((i, c) -> { }).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ListenOptions.filter")
        .hasMessageContaining("$where");
    assertThatThrownBy(() -> modelChanges.listenForChanges(String.class, (String id, ChangeEvent<String> c) -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
  }
}
