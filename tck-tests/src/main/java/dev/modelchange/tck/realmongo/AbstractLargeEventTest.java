package dev.modelchange.tck.realmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ChangeStreamPreAndPostImagesOptions;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import dev.modelchange.tck.Recorder;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.RequiresCapability;
import dev.modelchange.tck.backend.TckBackends;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: a change whose event is larger than MongoDB's 16 MB document limit never stalls its stream. Where the
 * server can split events ({@link Capability#SPLIT_LARGE_EVENTS}, MongoDB 7.0+), the listener receives it whole and
 * once: the pre-image, the post-image and the update description together, put together from the fragments that
 * {@code $changeStreamSplitLargeEvent} sends. Where it cannot, the event is skipped with a {@link ChangeStreamGap}
 * of reason {@code EVENT_TOO_LARGE} naming its position (a CDI event, and the listener's {@code onError}), and the
 * stream goes on. Beans: {@link GapObserver}.
 *
 * <p>Only a real MongoDB makes such events: the in-JVM server lacks every capability named here (the engine's unit
 * tests {@code SplitEventTest} and {@code StartAndStopTest} produce fragments and {@code BSONObjectTooLarge} through
 * a cursor seam instead).
 */
public abstract class AbstractLargeEventTest extends AbstractTckTest {
  /** Two copies of this make an event of about 18 MB; three (with the pre-image) about 27 MB. */
  private static final int PAYLOAD_CHARS = 9 * 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject
  ModelChanges modelChanges;
  @Inject
  GapObserver gaps;

  private MongoCollection<Document> snapshots;

  @BeforeEach
  void emptyCollection() {
    database().getCollection("snapshots").drop();
    snapshots = database().getCollection("snapshots");
    gaps.clear();
  }

  @Test
  @RequiresCapability({Capability.SPLIT_LARGE_EVENTS, Capability.PRE_AND_POST_IMAGES})
  void anEventLargerThan16MegabytesWithItsImagesReachesTheListenerWhole() {
    database().getCollection("snapshots").drop();
    database().createCollection("snapshots", new CreateCollectionOptions()
        .changeStreamPreAndPostImagesOptions(new ChangeStreamPreAndPostImagesOptions(true)));
    String before = "a".repeat(PAYLOAD_CHARS);
    String after = "b".repeat(PAYLOAD_CHARS);
    Recorder<Snapshot> seen = new Recorder<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    Subscription s = modelChanges.listenForChanges(Snapshot.class, ListenOptions.<Snapshot>builder()
        .fullDocument(FullDocument.REQUIRED)
        .fullDocumentBeforeChange(FullDocumentBeforeChange.REQUIRED)
        .onChange((id, change) -> seen.record(change))
        .onError(errors::add)
        .build());
    try {
      writeLargeUpdateThenSmallInsert(before, after);
      await().atMost(WAIT).untilAsserted(() -> assertThat(seen.size())
          .as("events received (stream errors so far: %s)", errors).isGreaterThanOrEqualTo(3));
    } finally {
      s.unsubscribe();
    }
    assertThat(seen.map(ChangeEvent::operationType))
        .containsExactly(OperationType.INSERT, OperationType.UPDATE, OperationType.INSERT);
    ChangeEvent<Snapshot> update = seen.events().get(1);
    assertThat(update.id()).isEqualTo("big");
    // compared, not printed: a failure message with 9 MB strings helps no one
    assertThat(update.fullDocumentBeforeChange().map(Snapshot::getPayload).map(before::equals))
        .as("the pre-image is the whole old document").contains(true);
    assertWholeUpdate(update, after);
    assertThat(errors).as("errors of the listener").isEmpty();
    assertThat(gaps.gaps()).as("gaps").isEmpty();
  }

  /**
   * An update looked up ({@code fullDocument: updateLookup}): the post-image and the update description each hold
   * the 9 MB payload, 18 MB together. Every real MongoDB makes such an event; what the listener gets depends on
   * whether the server can split it.
   */
  @Test
  @RequiresCapability(Capability.UPDATE_DESCRIPTION)
  void anUpdateLookupLargerThan16MegabytesArrivesWholeWhereTheServerSplitsEventsElseIsSkippedWithAGap() {
    boolean serverSplits = TckBackends.capabilities().contains(Capability.SPLIT_LARGE_EVENTS);
    String after = "b".repeat(PAYLOAD_CHARS);
    Recorder<Snapshot> seen = new Recorder<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    Subscription s = modelChanges.listenForChanges(Snapshot.class, ListenOptions.<Snapshot>builder()
        .fullDocument(FullDocument.UPDATE_LOOKUP)
        .onChange((id, change) -> seen.record(change))
        .onError(errors::add)
        .build());
    try {
      writeLargeUpdateThenSmallInsert("a", after);
      // the small insert after the large update arrives: the stream went on either way
      await().atMost(WAIT).untilAsserted(() -> assertThat(seen.map(ChangeEvent::id))
          .as("ids received (stream errors so far: %s)", errors).contains("small"));
    } finally {
      s.unsubscribe();
    }
    if (serverSplits) {
      assertThat(seen.map(ChangeEvent::operationType)).as("MongoDB 7.0+: the update arrives whole")
          .containsExactly(OperationType.INSERT, OperationType.UPDATE, OperationType.INSERT);
      assertWholeUpdate(seen.events().get(1), after);
      assertThat(gaps.gaps()).as("gaps").isEmpty();
      assertThat(errors).as("errors of the listener").isEmpty();
    } else {
      assertThat(seen.map(ChangeEvent::operationType)).as("before MongoDB 7.0: the update is skipped")
          .containsExactly(OperationType.INSERT, OperationType.INSERT);
      assertThat(gaps.gaps()).as("one gap names the skipped event").singleElement().satisfies(gap -> {
        assertThat(gap.reason()).isEqualTo(ChangeStreamGap.Reason.EVENT_TOO_LARGE);
        assertThat(gap.modelType()).isEqualTo(Snapshot.class);
        assertThat(gap.namespace().getCollectionName()).isEqualTo("snapshots");
        assertThat(gap.newPosition()).as("the position of the skipped event").isPresent();
      });
      assertThat(errors).as("the gap, to onError").singleElement()
          .satisfies(e -> assertThat(e).isInstanceOf(ChangeStreamGap.GapException.class));
    }
  }

  private void writeLargeUpdateThenSmallInsert(String before, String after) {
    snapshots.insertOne(new Document("_id", "big").append("payload", before));
    snapshots.updateOne(Filters.eq("_id", "big"), Updates.set("payload", after));
    // a small change after the large one: the stream goes on
    snapshots.insertOne(new Document("_id", "small").append("payload", "c"));
  }

  private static void assertWholeUpdate(ChangeEvent<Snapshot> update, String after) {
    assertThat(update.id()).isEqualTo("big");
    assertThat(update.fullDocument().map(Snapshot::getPayload).map(after::equals))
        .as("the post-image is the whole new document").contains(true);
    BsonValue updated = update.updateDescription().orElseThrow().getUpdatedFields().get("payload");
    assertThat(updated != null && updated.isString() && updated.asString().getValue().equals(after))
        .as("the update description holds the whole new payload").isTrue();
  }
}
