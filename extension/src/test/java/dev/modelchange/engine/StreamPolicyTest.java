package dev.modelchange.engine;

import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.store.InMemoryResumeTokenStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lost history, unreadable positions, a token store that is down, and invalidation: the configured policy holds
 * and a gap is never silent. The in-JVM MongoDB cannot produce history loss or a real invalidate, so the cursor
 * seam ({@link CursorOpener}) produces what MongoDB would.
 */
class StreamPolicyTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final BsonDocument LOST = new BsonDocument("_data", new BsonString("8200000001000000012B0229296E04"));

  private final EngineFixture fixture = new EngineFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  /** Answers a resume from {@link #LOST} as MongoDB does once the oplog has rolled past it. */
  private static MongoChangeStreamCursor<RawBsonDocument> historyLostFor(
      com.mongodb.client.ChangeStreamIterable<BsonDocument> iterable, BsonDocument position, boolean startAfter) {
    if (LOST.equals(position)) {
      throw new MongoCommandException(new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(286))
          .append("codeName", new BsonString("ChangeStreamHistoryLost"))
          .append("errmsg", new BsonString("Resume of change stream was not possible")), new ServerAddress());
    }
    return CursorOpener.raw(iterable);
  }

  @Test
  void lostHistoryRestartsFromNowWithAGap() {
    InMemoryResumeTokenStore store = new InMemoryResumeTokenStore();
    store.save(EngineFixture.KEY, LOST);
    fixture.start(store, StreamPolicyTest::historyLostFor);

    await().atMost(WAIT).until(() -> fixture.gaps.size() == 1);
    ChangeStreamGap gap = fixture.gaps.get(0);
    assertThat(gap.reason()).isEqualTo(ChangeStreamGap.Reason.HISTORY_LOST);
    assertThat(gap.lastPosition()).contains(LOST);
    assertThat(gap.newPosition()).isEmpty();
    assertThat(gap.namespace().getFullName()).isEqualTo("test.items");

    fixture.items.insertOne(new Document("_id", "after-gap"));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("after-gap"));
    assertThat(fixture.engine.failedAttempts()).as("a lost position is no reason to retry").isZero();
  }

  @Test
  void theFailPolicyStopsTheStreamAfterTheGap() {
    fixture.config.put(ConfigKeys.ON_HISTORY_LOST, "fail");
    InMemoryResumeTokenStore store = new InMemoryResumeTokenStore();
    store.save(EngineFixture.KEY, LOST);
    fixture.start(store, StreamPolicyTest::historyLostFor);

    await().atMost(WAIT).until(() -> fixture.gaps.size() == 1 && EngineFixture.watcherThreads() == 0);
    assertThat(fixture.engine.streams()).singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(dev.modelchange.StreamState.FAILED));
    // absence, proven with a marker: another stream of the collection reads both changes; the failed one neither
    List<String> other = new CopyOnWriteArrayList<>();
    fixture.engine.listenForChanges(BsonDocument.class, dev.modelchange.ListenOptions.<BsonDocument>builder()
        .fullDocument(com.mongodb.client.model.changestream.FullDocument.UPDATE_LOOKUP)
        .onChange((id, c) -> other.add(id)).build());
    fixture.items.insertOne(new Document("_id", "unseen"));
    fixture.items.insertOne(new Document("_id", "marker"));
    await().atMost(WAIT).until(() -> other.contains("marker"));
    assertThat(other).containsExactly("unseen", "marker");
    assertThat(fixture.delivered).isEmpty();
    assertThat(store.load(EngineFixture.KEY)).as("the lost position stays for the operator to see").contains(LOST);
  }

  @Test
  void anUnreadableStoredPositionIsAGapNotACrashLoop() {
    ResumeTokenStore corrupt = new ResumeTokenStore() {
      @Override
      public Optional<BsonDocument> load(StreamKey key) {
        throw new JsonParseException("stored token is not JSON");
      }

      @Override
      public void save(StreamKey key, BsonDocument token) {}
    };
    fixture.start(corrupt, CursorOpener.DRIVER);

    fixture.items.insertOne(new Document("_id", "after-corrupt"));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("after-corrupt"));
    assertThat(fixture.gaps).singleElement()
        .satisfies(g -> assertThat(g.reason()).isEqualTo(ChangeStreamGap.Reason.UNREADABLE_POSITION));
    assertThat(fixture.engine.failedAttempts()).isZero();
  }

  @Test
  void aStoreThatStaysDownDelaysTheStartThenDeliveryGoesOnWithAGap() {
    fixture.clock = ShiftableClock.skippingWaits(); // the backoff's waits take no real time
    fixture.config.put(ConfigKeys.STARTUP_TIMEOUT, "1s");
    fixture.config.put(ConfigKeys.RETRY_MAX_DELAY, "200ms");
    List<String> saveAttempts = new CopyOnWriteArrayList<>();
    ResumeTokenStore down = new ResumeTokenStore() {
      @Override
      public Optional<BsonDocument> load(StreamKey key) {
        throw new IllegalStateException("connection refused");
      }

      @Override
      public void save(StreamKey key, BsonDocument token) {
        saveAttempts.add(key.value());
        throw new IllegalStateException("connection refused");
      }
    };
    fixture.start(down, CursorOpener.DRIVER);

    await().atMost(WAIT).until(() -> fixture.gaps.size() == 1);
    fixture.items.insertOne(new Document("_id", "while-store-down"));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("while-store-down"));
    assertThat(fixture.gaps.get(0).reason()).isEqualTo(ChangeStreamGap.Reason.UNREADABLE_POSITION);
    assertThat(fixture.engine.failedAttempts()).as("load retried with backoff for the start-up timeout")
        .isGreaterThanOrEqualTo(2);
    // checkpoints keep being tried (once per checkpoint.max-delay) and fail without stopping delivery
    await().atMost(WAIT).until(() -> saveAttempts.size() >= 2);
    fixture.items.insertOne(new Document("_id", "still-delivered"));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("still-delivered"));
  }

  @Test
  void aJdbcStoreAtAClosedPortDoesNotStopDelivery() {
    fixture.config.put(ConfigKeys.STARTUP_TIMEOUT, "1s");
    fixture.config.put(ConfigKeys.RETRY_MAX_DELAY, "200ms");
    fixture.config.put(ConfigKeys.RESUME_TOKEN_STORE, "jdbc");
    fixture.config.put(ConfigKeys.RESUME_TOKEN_JDBC_URL, "jdbc:postgresql://127.0.0.1:1/test");
    fixture.config.put(ConfigKeys.RESUME_TOKEN_JDBC_USER, "postgres");
    ResumeTokenStore closedPort = dev.modelchange.store.ResumeTokenStores.fromSettings(
        EngineSettings.from(k -> Optional.ofNullable(fixture.config.get(k))), fixture.client, null).orElseThrow();
    fixture.start(closedPort, CursorOpener.DRIVER);

    await().atMost(WAIT).until(() -> fixture.gaps.size() == 1);
    fixture.items.insertOne(new Document("_id", "store-at-closed-port"));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("store-at-closed-port"));
    assertThat(fixture.gaps.get(0).reason()).isEqualTo(ChangeStreamGap.Reason.UNREADABLE_POSITION);
  }

  @Test
  void anInvalidatedStreamReportsAGapAndContinuesAfterTheInvalidation() {
    List<String> opens = new CopyOnWriteArrayList<>();
    // Real MongoDB follows a drop with an invalidate event and closes the cursor; the in-JVM server does not, so
    // the seam turns its drop event into drop + invalidate.
    fixture.start(new InMemoryResumeTokenStore(), (iterable, position, startAfter) -> {
      opens.add(startAfter ? "startAfter" : position == null ? "now" : "resumeAfter");
      return new InvalidatingCursor(CursorOpener.raw(iterable));
    });
    fixture.items.insertOne(new Document("_id", "before-drop"));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("before-drop"));
    fixture.items.drop();

    await().atMost(WAIT).until(() -> fixture.gaps.size() == 1);
    ChangeStreamGap gap = fixture.gaps.get(0);
    assertThat(gap.reason()).isEqualTo(ChangeStreamGap.Reason.INVALIDATED);
    assertThat(gap.newPosition()).isPresent();
    await().atMost(WAIT).until(() -> opens.contains("startAfter"));
    fixture.items.insertOne(new Document("_id", "recreated"));
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("recreated"));
    assertThat(fixture.delivered.stream().map(e -> e.operationType()).toList())
        .containsExactly(OperationType.INSERT, OperationType.DROP, OperationType.INSERT);
    assertThat(fixture.gaps).as("one invalidation, one gap").hasSize(1);
  }

  @Test
  void shutdownDuringDeliveryStoresTheLastCheckpointAndLeavesNoThread() throws Exception {
    InMemoryResumeTokenStore store = new InMemoryResumeTokenStore();
    java.util.concurrent.CountDownLatch inObserver = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    fixture.observer = e -> {
      if ("slow".equals(e.id())) {
        inObserver.countDown();
        try {
          release.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    };
    fixture.start(store, CursorOpener.DRIVER);
    fixture.items.insertOne(new Document("_id", "fast"));
    fixture.items.insertOne(new Document("_id", "slow"));
    assertThat(inObserver.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    Thread closing = new Thread(fixture.engine::close);
    closing.start();
    release.countDown();
    closing.join(10_000);

    assertThat(closing.isAlive()).isFalse();
    assertThat(EngineFixture.watcherThreads()).isZero();
    BsonDocument slowToken = fixture.delivered.get(fixture.delivered.size() - 1).resumeToken();
    assertThat(fixture.deliveredIds()).containsExactly("fast", "slow");
    assertThat(store.load(EngineFixture.KEY)).as("the position of the last delivered change").contains(slowToken);
  }

  /** Follows each drop event with an invalidate event, as MongoDB does. */
  private static final class InvalidatingCursor extends ForwardingCursor {
    private RawBsonDocument pending;

    InvalidatingCursor(MongoChangeStreamCursor<RawBsonDocument> delegate) {
      super(delegate);
    }

    @Override
    public RawBsonDocument tryNext() {
      if (pending != null) {
        RawBsonDocument p = pending;
        pending = null;
        return p;
      }
      RawBsonDocument next = super.tryNext();
      if (next != null && "drop".equals(next.getString("operationType").getValue())) {
        BsonDocument raw = new BsonDocument("_id", next.getDocument("_id"))
            .append("operationType", new BsonString("invalidate"))
            .append("clusterTime", next.containsKey("clusterTime") ? next.getTimestamp("clusterTime")
                : new BsonTimestamp());
        pending = new RawBsonDocument(raw, new org.bson.codecs.BsonDocumentCodec());
      }
      return next;
    }
  }
}
