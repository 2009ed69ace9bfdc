package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelchange.StreamState;
import dev.modelchange.spi.Lease;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.testsupport.CapturedLog;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * The lease gate of a {@code ONE_INSTANCE} stream when its lease lapses by this engine's clock (a pause, the store
 * out of reach) and it takes the lease again: in the same epoch (nobody held it meanwhile), the stream goes on
 * from its own position, ahead of its last checkpoint, so nothing is delivered twice; when another engine held it
 * meanwhile, or the epoch can no longer prove that (longer than {@code instance.expire-after}), the stream starts
 * again from the stored checkpoint, as any new holder does. The lease lasts 100 ms and is never renewed here;
 * its epoch is read from the store, which keeps it after it lapses.
 */
class LeaseGateTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration LEASE = Duration.ofMillis(100);
  private static final Duration EXPIRE_AFTER = Duration.ofHours(1);
  private static final String NAME = "one-instance/g/db.items/default+one-instance";
  private static final BsonDocument CHECKPOINT = token("checkpoint");
  private static final BsonDocument AHEAD = token("ahead");

  private final SharedStore store = new SharedStore();
  private final ShiftableClock clock = new ShiftableClock();
  private final StreamLease lease = new StreamLease(store, NAME, "engine-a", LEASE);
  private final StreamPosition position = new StreamPosition(store,
      new StreamKey("g", "db", "items", "default+one-instance"), Optional.empty(), () -> null);
  private final StreamLifecycle life = new StreamLifecycle(clock);
  private final LeaseGate gate = new LeaseGate(lease, life, position, "db.items", clock, EXPIRE_AFTER);

  private static BsonDocument token(String at) {
    return new BsonDocument("_data", new BsonString(at));
  }

  /** Takes the lease first, reads the checkpoint, delivers past it, then lets the lease lapse unrenewed. */
  private long holdDeliverAndLapse() {
    assertThat(gate.pass()).isTrue();
    long epoch = store.lease(NAME).epoch();
    assertThat(position.isFixed()).as("a new holder reads the checkpoint").isFalse();
    position.fix(new StreamPosition.Stored(CHECKPOINT, null, null));
    position.moveTo(AHEAD); // delivered since the checkpoint, not stored yet
    await().atMost(WAIT).until(() -> !gate.isHeld());
    assertThat(gate.stillHeld()).isFalse();
    return epoch;
  }

  @Test
  void itsOwnLeaseTakenBackInTheSameEpochKeepsItsPosition() {
    long epoch = holdDeliverAndLapse();

    assertThat(gate.pass()).isTrue();

    assertThat(store.lease(NAME).epoch()).isEqualTo(epoch);
    assertThat(position.isFixed()).isTrue();
    assertThat(position.token()).isEqualTo(AHEAD);
  }

  @Test
  void aLeaseThatAnotherHeldMeanwhileStartsFromTheCheckpoint() {
    long epoch = holdDeliverAndLapse();
    Lease other = store.acquire(NAME, "engine-b", LEASE).orElseThrow();
    store.release(other);

    assertThat(gate.pass()).isTrue();

    assertThat(store.lease(NAME).epoch()).isEqualTo(epoch + 2);
    assertThat(position.isFixed()).as("the position is read from the store again").isFalse();
  }

  @Test
  void aStreamThatCannotTakeTheLeaseStandsByAndSaysSo() {
    store.acquire(NAME, "engine-b", Duration.ofMinutes(1)).orElseThrow();

    try (CapturedLog log = new CapturedLog("dev.modelchange.engine")) {
      assertThat(gate.pass()).isFalse();

      assertThat(life.state()).isEqualTo(StreamState.STANDBY);
      assertThat(log.recordsAt(Level.INFO, "MODELCHANGE-082")).singleElement()
          .satisfies(r -> assertThat(r.getMessage()).contains("engine-b"));
    }
  }

  @Test
  void aStoppingStreamThatCannotTakeTheLeaseDoesNotSayItStandsBy() {
    store.acquire(NAME, "engine-b", Duration.ofMinutes(1)).orElseThrow();
    life.moveTo(StreamState.STOPPING);

    try (CapturedLog log = new CapturedLog("dev.modelchange.engine")) {
      assertThat(gate.pass()).isFalse();

      assertThat(life.state()).isEqualTo(StreamState.STOPPING);
      assertThat(log.messages()).noneMatch(m -> m.contains("MODELCHANGE-082"));
    }
  }

  @Test
  void aLeaseTakenBackLongerThanExpireAfterLaterStartsFromTheCheckpoint() {
    long epoch = holdDeliverAndLapse();
    clock.advance(EXPIRE_AFTER);

    assertThat(gate.pass()).isTrue();

    assertThat(store.lease(NAME).epoch()).isEqualTo(epoch);
    assertThat(position.isFixed()).as("an equal epoch proves nothing after expire-after").isFalse();
  }
}
