package dev.modelchange.tck.realmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.TckDatabase;
import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.RequiresCapability;
import dev.modelchange.tck.listeners.WatcherThreads;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract: when a stream's stored position is older than the oplog (the changes after it are lost), the gap is
 * never silent. Under the default policy ({@code modelchange.on-history-lost=restart-from-now}) ModelChange fires a
 * {@link ChangeStreamGap} with reason {@code HISTORY_LOST}, as a CDI event and to the listener's {@code onError},
 * and the stream goes on from now.
 *
 * <p>The oplog cannot be rolled in a test ({@code replSetResizeOplog} keeps at least 990 MB), so the position is
 * made to expire instead: {@link ExpiringTokenStore} gives the stored token the cluster time
 * {@code Timestamp(1, 1)}, and MongoDB refuses to resume from it as it refuses a position that fell off the oplog
 * ({@code ChangeStreamHistoryLost}). Beans: {@link GapObserver} and {@link ExpiringTokenStore}, an alternative the
 * runner selects. Configuration: the default {@code modelchange.on-history-lost}.
 */
@RequiresCapability(Capability.HISTORY_LOST)
public abstract class AbstractHistoryLostTest extends AbstractTckTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String READINGS = TckDatabase.NAME + ".readings";

  @Inject
  ModelChanges modelChanges;
  @Inject
  GapObserver gaps;
  @Inject
  ExpiringTokenStore store;

  private MongoCollection<Document> readings;

  @BeforeAll
  void connect() {
    readings = database().getCollection("readings");
  }

  @Test
  void aPositionOlderThanTheOplogIsReportedAsAGapAndTheStreamGoesOnFromNow() {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    ListenOptions<Reading> durable = ListenOptions.<Reading>builder()
        .id("gauge")
        .onChange((id, change) -> seen.add(id))
        .onError(errors::add)
        .build();

    // given a durable listener that has stored its position (when its stream stops)
    Subscription first = modelChanges.listenForChanges(Reading.class, durable);
    readings.insertOne(new Document("_id", "r1").append("value", 1));
    await().atMost(WAIT).until(() -> seen.contains("r1"));
    first.unsubscribe();
    await().atMost(WAIT).until(() -> WatcherThreads.of(READINGS) == 0);
    // when that position falls off the oplog while nobody listens, and a change is written meanwhile
    Map<StreamKey, BsonDocument> expired = store.expire("readings");
    assertThat(expired).as("the stored position of the listener").hasSize(1);
    BsonDocument lost = expired.values().iterator().next();
    readings.insertOne(new Document("_id", "r2-while-lost").append("value", 2));
    assertThat(gaps.gaps()).isEmpty();

    // and the listener comes back
    Subscription second = modelChanges.listenForChanges(Reading.class, durable);
    try {
      // then the gap is reported, as a CDI event and to onError
      await().atMost(WAIT).until(() -> !gaps.gaps().isEmpty());
      ChangeStreamGap gap = gaps.gaps().get(0);
      assertThat(gap.reason()).isEqualTo(ChangeStreamGap.Reason.HISTORY_LOST);
      assertThat(gap.modelType()).isEqualTo(Reading.class);
      assertThat(gap.namespace().getFullName()).isEqualTo(READINGS);
      assertThat(gap.lastPosition()).as("the position that was lost").contains(lost);
      assertThat(gap.newPosition()).as("it restarts from now, not from a position").isEmpty();
      await().atMost(WAIT).until(() -> errors.stream().anyMatch(e -> e instanceof ChangeStreamGap.GapException
          && ((ChangeStreamGap.GapException) e).gap().reason() == ChangeStreamGap.Reason.HISTORY_LOST));

      // and the stream goes on from now: a change written after it reopened arrives
      AtomicInteger written = new AtomicInteger();
      await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
        readings.insertOne(new Document("_id", "after-" + written.incrementAndGet()));
        return seen.stream().anyMatch(id -> id.startsWith("after-"));
      });
    } finally {
      second.unsubscribe();
    }
    assertThat(seen).as("from now: what was written before it reopened is not replayed")
        .doesNotContain("r2-while-lost").containsOnlyOnce("r1");
    assertThat(gaps.gaps()).as("one gap, then the stream runs").hasSize(1);
  }
}
