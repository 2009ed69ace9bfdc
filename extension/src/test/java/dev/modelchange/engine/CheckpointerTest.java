package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.spi.StreamKey;
import dev.modelchange.store.InMemoryResumeTokenStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/** When a position becomes storable, when it is saved, and who may save it. Saves run on the caller here. */
class CheckpointerTest {
  private static final StreamKey KEY = new StreamKey("g", "i", "db", "c", "default");

  private final InMemoryResumeTokenStore store = new InMemoryResumeTokenStore();

  private static BsonDocument token(int n) {
    return new BsonDocument("_data", new BsonString(String.format("%04d", n)));
  }

  private Checkpointer checkpointer(int maxEvents, Duration maxDelay) {
    return new Checkpointer(KEY, store, maxEvents, maxDelay, null);
  }

  @Test
  void savesAfterMaxEventsAndNotBefore() {
    Checkpointer c = checkpointer(3, Duration.ofHours(1));
    c.delivered(token(1), List.of());
    c.maybeSave();
    c.delivered(token(2), List.of());
    c.maybeSave();
    assertThat(store.load(KEY)).as("2 of 3 events").isEmpty();
    c.delivered(token(3), List.of());
    c.maybeSave();
    assertThat(store.load(KEY)).contains(token(3));
    assertThat(c.saves()).isEqualTo(1);
  }

  @Test
  void underLoadFullBatchesAreCoalescedIntoOneSavePerMinInterval() {
    ManualClock clock = new ManualClock();
    Checkpointer c = new Checkpointer(KEY, store, 100, Duration.ofSeconds(1), Duration.ofMillis(100), null, clock);
    clock.advance(Duration.ofMillis(100));
    // 10,000 events within 100 ms: 100 full batches, one save
    for (int i = 1; i <= 10_000; i++) {
      c.delivered(token(i), List.of());
      c.maybeSave();
      clock.advance(Duration.ofNanos(10_000));
    }
    assertThat(c.saves()).isEqualTo(1);
    assertThat(store.load(KEY)).as("the first full batch").contains(token(100));

    clock.advance(Duration.ofMillis(1)); // 100 ms since the first save
    c.delivered(token(10_001), List.of());
    c.maybeSave();
    assertThat(c.saves()).as("100 ms after the last save").isEqualTo(2);
    assertThat(store.load(KEY)).contains(token(10_001));
  }

  @Test
  void coalescingNeverDelaysASaveBeyondMaxDelay() {
    ManualClock clock = new ManualClock();
    Checkpointer c = new Checkpointer(KEY, store, 1_000, Duration.ofMillis(50), Duration.ofMillis(200), null, clock);
    c.delivered(token(1), List.of());
    c.maybeSave();
    assertThat(store.load(KEY)).isEmpty();

    clock.advance(Duration.ofMillis(50));
    c.maybeSave();
    assertThat(store.load(KEY)).as("min-interval is capped at max-delay").contains(token(1));
  }

  @Test
  void belowMaxEventsAQuietStreamStillSavesOnlyAfterMaxDelay() {
    ManualClock clock = new ManualClock();
    Checkpointer c = new Checkpointer(KEY, store, 100, Duration.ofSeconds(1), Duration.ofMillis(100), null, clock);
    clock.advance(Duration.ofMillis(500));
    c.delivered(token(1), List.of());
    c.maybeSave();
    assertThat(store.load(KEY)).as("1 event, 500 ms").isEmpty();
    clock.advance(Duration.ofMillis(500));
    c.maybeSave();
    assertThat(store.load(KEY)).contains(token(1));
  }

  @Test
  void savesAfterMaxDelayEvenBelowMaxEvents() {
    Checkpointer c = checkpointer(1_000, Duration.ofNanos(1));
    c.delivered(token(1), List.of());
    c.maybeSave();
    assertThat(store.load(KEY)).contains(token(1));
  }

  @Test
  void anEventIsStorableOnlyOnceItsAsynchronousReceiversAndAllEarlierOnesAreDone() {
    Checkpointer c = checkpointer(1, Duration.ofHours(1));
    CompletableFuture<Void> slow = new CompletableFuture<>();
    c.delivered(token(1), List.<CompletionStage<?>>of(slow));
    c.delivered(token(2), List.of());
    c.maybeSave();
    assertThat(store.load(KEY)).as("event 1 is still with an asynchronous observer").isEmpty();
    slow.complete(null);
    c.delivered(token(3), List.of());
    c.maybeSave();
    assertThat(store.load(KEY)).contains(token(3));
  }

  @Test
  void atShutdownAnAsynchronousReceiverThatFailedKeepsThePositionBeforeItsEvent() {
    Checkpointer c = checkpointer(1_000, Duration.ofHours(1));
    c.delivered(token(1), List.of());
    CompletableFuture<Void> interrupted = new CompletableFuture<>();
    c.delivered(token(2), List.<CompletionStage<?>>of(interrupted));
    interrupted.completeExceptionally(new IllegalStateException("interrupted by shutdown"));
    c.flush(Duration.ofSeconds(1));
    assertThat(store.load(KEY)).as("event 2 comes again after the restart").contains(token(1));
  }

  @Test
  void aNewStreamsStartIsStoredAtOnce() {
    Checkpointer c = checkpointer(1_000, Duration.ofHours(1));
    BsonDocument start = new BsonDocument(StreamPosition.STARTED_AT, new org.bson.BsonTimestamp(1_700_000_000, 0));
    c.startedAt(start);
    assertThat(store.load(KEY)).contains(start);
  }

  @Test
  void aCheckpointUnderALeaseLostToANewerHolderIsNotStored() {
    SharedStore shared = new SharedStore();
    StreamKey key = new StreamKey("g", "db", "c", "default+one-instance");
    StreamLease old = new StreamLease(shared, "one-instance/" + key, "old", Duration.ofMillis(50));
    assertThat(old.tryAcquire()).isTrue();
    Checkpointer paused = new Checkpointer(key, shared, 1, Duration.ofHours(1), null);
    paused.guardedBy(old, null);
    paused.delivered(token(1), List.of());
    paused.maybeSave();
    assertThat(shared.load(key)).contains(token(1));

    // the old holder pauses past its lease; a new one takes it and stores further on
    StreamLease newer = new StreamLease(shared, "one-instance/" + key, "new", Duration.ofSeconds(10));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(newer::tryAcquire);
    assertThat(shared.saveFenced(key, token(9), newer.current())).isTrue();
    paused.delivered(token(2), List.of());
    paused.maybeSave();

    assertThat(shared.load(key)).as("the newer holder's position stays").contains(token(9));
  }
}
