package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoNamespace;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ListenOptions;
import dev.modelchange.filter.DocumentFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The two kinds of sink on their own, fed events built by hand: who receives what, in which order, and failures. */
class SinksTest {
  private static final MongoNamespace NS = new MongoNamespace("db", "books");
  private static final EngineClock CLOCK = EngineClock.SYSTEM;

  private static ReceivedChange change(String id, String userId) {
    BsonDocument raw = BsonDocument.parse("{_id: {_data: '01" + id.hashCode() + "'}, operationType: 'insert', "
        + "documentKey: {_id: '" + id + "'}, fullDocument: {_id: '" + id + "', userId: '" + userId + "'}}");
    return new ReceivedChange(RawChange.of(raw), NS, MongoClientSettings.getDefaultCodecRegistry(), new StreamStats());
  }

  private static ChangeListenerSubscription<BsonDocument> listener(long sequence, String userId, List<String> seen) {
    ListenOptions<BsonDocument> options = ListenOptions.<BsonDocument>builder()
        .onChange((id, c) -> seen.add(sequence + ":" + id)).build();
    DocumentFilter filter = DocumentFilter.parse(userId == null ? null
        : Filters.eq("userId", userId).toBsonDocument());
    return new ChangeListenerSubscription<>(sequence, BsonDocument.class, options, filter, s -> { }, CLOCK);
  }

  @Test
  void listenersAreFoundByEqualityOrScannedAndCalledInSubscriptionOrder() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ListenerRegistry registry = new ListenerRegistry();
    registry.add(listener(3, "alice", seen));
    registry.add(listener(1, null, seen));
    registry.add(listener(2, "bob", seen));
    registry.add(listener(4, "alice", seen));

    assertThat(registry.deliver(change("b1", "alice"), new ArrayList<>())).isTrue();
    assertThat(seen).containsExactly("1:b1", "3:b1", "4:b1");
    assertThat(registry.receivers()).isEqualTo(4);
  }

  @Test
  void aRemovedListenerIsNotCalledAndTheIndexForgetsIt() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ListenerRegistry registry = new ListenerRegistry();
    ChangeListenerSubscription<BsonDocument> alice = listener(1, "alice", seen);
    registry.add(alice);
    registry.remove(alice);

    registry.deliver(change("b1", "alice"), new ArrayList<>());
    assertThat(seen).isEmpty();
    assertThat(registry.isEmpty()).isTrue();
  }

  @Test
  void aThrowingListenerIsReportedToItsOnErrorAndTheOthersStillRun() {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    ListenerRegistry registry = new ListenerRegistry();
    registry.add(new ChangeListenerSubscription<>(1, BsonDocument.class, ListenOptions.<BsonDocument>builder()
        .onChange((id, c) -> {
          throw new AssertionError("boom");
        }).onError(errors::add).build(), DocumentFilter.parse(null), s -> { }, CLOCK));
    registry.add(listener(2, null, seen));

    assertThat(registry.deliver(change("b1", "x"), new ArrayList<>())).as("a receiver failed").isFalse();
    assertThat(seen).containsExactly("2:b1");
    assertThat(errors).singleElement().isInstanceOf(AssertionError.class);
  }

  @Test
  void aStreamFailureAndAGapReachEveryListener() {
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    ListenerRegistry registry = new ListenerRegistry();
    for (long i = 1; i <= 2; i++) {
      registry.add(new ChangeListenerSubscription<>(i, BsonDocument.class, ListenOptions.<BsonDocument>builder()
          .onChange((id, c) -> { }).onError(errors::add).build(), DocumentFilter.parse(null), s -> { }, CLOCK));
    }
    registry.streamFailed(new IllegalStateException("cursor lost"));
    registry.gap(new ChangeStreamGap(BsonDocument.class, NS, ChangeStreamGap.Reason.INVALIDATED, null, null));
    assertThat(errors).hasSize(4);
  }

  private static ObserverDescriptor observer(String name, String filter, boolean async, int priority) {
    return ObserverDescriptor.of("route#" + name, name, BsonDocument.class, List.of(OperationType.INSERT), filter,
        FullDocument.DEFAULT, async, priority);
  }

  @Test
  void observersRunInPriorityOrderAndOnlyWhenTheirFilterMatches() {
    List<String> calls = new CopyOnWriteArrayList<>();
    ObserverSink sink = new ObserverSink(List.of(observer("late", "", false, 2000),
        observer("early", "", false, 10), observer("bob-only", "{\"userId\": \"bob\"}", false, 500)),
        (o, e) -> {
          calls.add(o.method());
          return null;
        }, IncidentReporter.NONE, CLOCK);

    sink.deliver(change("b1", "alice"), new ArrayList<>());
    assertThat(calls).containsExactly("early", "late");
    assertThat(sink.receivers()).isEqualTo(3);
  }

  @Test
  void eachObserversRouteIsBoundOnceWhenTheStreamIsCreatedNotPerEvent() {
    List<String> bound = new CopyOnWriteArrayList<>();
    List<String> fired = new CopyOnWriteArrayList<>();
    ObserverInvoker invoker = new ObserverInvoker() {
      @Override
      public CompletionStage<?> notify(ObserverDescriptor observer, ChangeEvent<?> event) {
        throw new AssertionError("events go through the bound route");
      }

      @Override
      public BoundObserver bind(ObserverDescriptor observer) {
        bound.add(observer.method());
        return event -> {
          fired.add(observer.method() + ":" + event.id());
          return null;
        };
      }
    };
    ObserverSink sink = new ObserverSink(List.of(observer("a", "", false, 0), observer("b", "", false, 1)), invoker,
        IncidentReporter.NONE, CLOCK);

    sink.deliver(change("b1", "alice"), new ArrayList<>());
    sink.deliver(change("b2", "bob"), new ArrayList<>());

    assertThat(bound).containsExactly("a", "b");
    assertThat(fired).containsExactly("a:b1", "b:b1", "a:b2", "b:b2");
  }

  @Test
  void anAsynchronousObserverAddsItsStageAndAFailureIsReportedWithTheEventsKey() {
    List<ChangeStreamFailure> failures = new CopyOnWriteArrayList<>();
    CompletableFuture<Object> stage = new CompletableFuture<>();
    ObserverSink sink = new ObserverSink(List.of(observer("async", "", true, 0), observer("sync", "", false, 1)),
        (o, e) -> {
          if (o.method().equals("sync")) {
            throw new IllegalStateException("sync fails");
          }
          return stage;
        }, new IncidentReporter() {
          @Override
          public void failure(ChangeStreamFailure failure) {
            failures.add(failure);
          }

          @Override
          public void gap(ChangeStreamGap gap) {}
        }, CLOCK);

    List<CompletionStage<?>> pending = new ArrayList<>();
    assertThat(sink.deliver(change("b1", "alice"), pending)).as("the synchronous observer failed").isFalse();
    assertThat(pending).hasSize(1);
    stage.completeExceptionally(new IllegalStateException("async fails"));

    assertThat(failures).extracting(f -> f.observer().orElseThrow()).containsExactly("sync", "async");
    assertThat(failures).allSatisfy(f -> assertThat(f.documentKey()).contains(BsonDocument.parse("{_id: 'b1'}")));
  }
}
