package dev.modelchange.engine;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ClusterType;
import com.mongodb.connection.ServerConnectionState;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.StreamState;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.store.InMemoryResumeTokenStore;
import dev.modelchange.testsupport.CapturedLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Events over 16 MB on MongoDB 7.0+: the stream asks for them in fragments ({@code $changeStreamSplitLargeEvent})
 * and delivers each whole, once, checkpointed only after the whole event; a fragment sequence that breaks is read
 * again from before the event, never delivered in part, and never looped on. The in-JVM server cannot split
 * events, so the cursor seam ({@link CursorOpener}) says the server can and cuts the event {@code "huge"} into
 * fragments as MongoDB would: each fragment has fields of the event, and the last one carries the event's token.
 * (The in-JVM server refuses the stage itself, as a server older than 7.0 would; the seam opens without it.)
 */
class SplitEventTest {
  private static final BsonDocumentCodec EVENTS = new BsonDocumentCodec();

  private final EngineFixture fixture = new EngineFixture();
  private final CapturedLog log = new CapturedLog("dev.modelchange.engine");
  /** Every position stored, in order. */
  private final List<BsonDocument> saved = new CopyOnWriteArrayList<>();
  /** The position each cursor opened at. */
  private final List<Optional<BsonDocument>> opens = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
    log.close();
  }

  /** How the fragments of {@code "huge"} come on one cursor. */
  enum Fragments {
    IN_ORDER,
    /** The second of three fragments never comes. */
    SECOND_MISSING,
    /** The connection breaks after the first fragment; the driver cannot resume, the stream reopens. */
    CUT_AFTER_FIRST,
    /** Even split, one field is over 16 MB: the server answers BSONObjectTooLarge. */
    FIELD_TOO_LARGE
  }

  @Test
  void anEventSentInFragmentsIsDeliveredWholeOnceAndCheckpointedOnlyAfterItsLastFragment() {
    start(Fragments.IN_ORDER);
    writeBeforeHugeAfter();

    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("after"));
    assertThat(fixture.deliveredIds()).containsExactly("before", "huge", "after");
    ChangeEvent<?> huge = fixture.delivered.get(1);
    assertThat(huge.fullDocument().map(Object.class::cast)).contains(new BsonDocument("_id", new BsonString("huge"))
        .append("payload", new BsonString("p".repeat(1000))));
    assertThat(huge.documentKey()).isEqualTo(new BsonDocument("_id", new BsonString("huge")));
    assertThat(tokenIsAFragments(huge.resumeToken())).as("the event's token is its last fragment's").isFalse();
    fixture.engine.close();
    assertThat(saved).as("positions stored").isNotEmpty().noneMatch(SplitEventTest::tokenIsAFragments);
    assertThat(saved.get(saved.size() - 1)).isEqualTo(fixture.delivered.get(2).resumeToken());
    assertThat(fixture.engine.failedAttempts()).as("nothing broke").isZero();
    assertThat(fixture.gaps).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"SECOND_MISSING", "CUT_AFTER_FIRST"})
  void aBrokenSequenceIsReadAgainFromBeforeTheEventAndNeverDeliveredInPart(Fragments first) {
    start(first, Fragments.IN_ORDER);
    writeBeforeHugeAfter();

    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("after"));
    assertThat(fixture.deliveredIds()).as("delivered, once each, none in part").containsExactly("before", "huge",
        "after");
    assertThat(fixture.delivered.get(1).fullDocument()).isPresent();
    assertThat(fixture.engine.failedAttempts()).as("reopened once").isEqualTo(1);
    assertThat(opens.get(opens.size() - 1)).as("from the position before the event's first fragment")
        .contains(fixture.delivered.get(0).resumeToken());
    assertThat(fixture.gaps).isEmpty();
  }

  @Test
  void aSequenceThatBreaksTwiceAtTheSamePositionIsSkippedWithAGapNamingTheEvent() {
    start(Fragments.SECOND_MISSING);
    writeBeforeHugeAfter();

    assertHugeSkippedWithAGap("did not arrive in sequence, twice");
    assertThat(fixture.engine.failedAttempts()).as("read twice, then skipped: no loop").isEqualTo(1);
  }

  @Test
  void anEventTooLargeEvenInFragmentsIsStillClassifiedAsTooLargeAndSkippedWithAGap() {
    start(Fragments.FIELD_TOO_LARGE);
    writeBeforeHugeAfter();

    assertHugeSkippedWithAGap("over 16 MB by itself");
  }

  /** The event "huge" is skipped with a gap and one MODELCHANGE-076 saying {@code why}; the next one arrives. */
  private void assertHugeSkippedWithAGap(String why) {
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("after"));
    assertThat(fixture.deliveredIds()).containsExactly("before", "after");
    assertThat(fixture.gaps).singleElement()
        .satisfies(g -> assertThat(g.reason()).isEqualTo(ChangeStreamGap.Reason.EVENT_TOO_LARGE));
    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-076")).singleElement()
        .satisfies(r -> assertThat(r.getMessage()).contains("\"_id\": \"huge\"").contains(why));
  }

  @Test
  void aServerThatRefusesTheSplitStageGetsTheStreamWithoutItInsteadOfAFailedStream() {
    List<Boolean> asked = new CopyOnWriteArrayList<>();
    fixture.start(store(), new CursorOpener() {
      @Override
      public boolean splitsLargeEvents(ClusterDescription servers) {
        asked.add(true);
        return true;
      }

      @Override
      public MongoChangeStreamCursor<RawBsonDocument> open(
          ChangeStreamIterable<BsonDocument> iterable, BsonDocument position, boolean startAfter) {
        opens.add(Optional.ofNullable(position));
        if (opens.size() == asked.size()) { // this open asked for the split stage
          throw new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
              .append("code", new BsonInt32(40324)).append("codeName", new BsonString("Location40324"))
              .append("errmsg", new BsonString("Unrecognized pipeline stage name: '$changeStreamSplitLargeEvent'")),
              new ServerAddress());
        }
        return CursorOpener.raw(iterable);
      }
    });
    fixture.items.insertOne(new Document("_id", "delivered"));

    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("delivered"));
    assertThat(log.recordsAt(Level.WARNING, "MODELCHANGE-089")).hasSize(1);
    assertThat(asked).as("asked once, then never again").hasSize(1);
    assertThat(fixture.engine.streams()).singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(StreamState.OPEN));
  }

  @Test
  void theSplitStageIsTheLastOfTheStreamsPipelineAndOnlyWhenAskedFor() {
    BsonDocument match = new BsonDocument("$match", new BsonDocument("operationType", new BsonString("update")));
    StreamShape shape = new StreamShape(new MongoNamespace("test", "items"),
        FullDocument.UPDATE_LOOKUP,
        FullDocumentBeforeChange.DEFAULT, List.of(match), null);
    StreamSource source = new StreamSource(shape, fixture.client.getDatabase("test"), BsonDocument.class,
        MongoClientSettings.getDefaultCodecRegistry(), CursorOpener.DRIVER,
        fixture.client::getClusterDescription);

    assertThat(source.pipeline(true)).containsExactly(match,
        new BsonDocument("$changeStreamSplitLargeEvent", new BsonDocument()));
    assertThat(source.pipeline(false)).containsExactly(match);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "a 7.0 replica set, 21 21 21, true",
      "an 8.0 replica set, 25 25, true",
      "a 6.0 replica set (6.0.9 cannot be told from 6.0.0 by wire version), 17 17, false",
      "a rolling upgrade from 6.0 to 7.0, 21 17 21, false",
      "a 7.0 replica set with a member down, 21 21 0, true",
      "no server reached, 0, false"})
  void theStageIsAskedForWhenEveryReachableServerIsMongoDb7OrLater(String what, String wireVersions,
      boolean splits) {
    List<ServerDescription> servers = new ArrayList<>();
    int port = 27017;
    for (String v : wireVersions.split(" ")) {
      int wire = Integer.parseInt(v);
      ServerDescription.Builder b = ServerDescription.builder().address(new ServerAddress("db", port++));
      servers.add(wire == 0 ? b.state(ServerConnectionState.CONNECTING).build()
          : b.state(ServerConnectionState.CONNECTED).ok(true).type(ServerType.REPLICA_SET_PRIMARY)
              .maxWireVersion(wire).build());
    }
    ClusterDescription cluster = new ClusterDescription(ClusterConnectionMode.MULTIPLE, ClusterType.REPLICA_SET,
        servers);
    assertThat(StreamSource.splitsLargeEvents(cluster)).as(what).isEqualTo(splits);
  }

  @Test
  void anEventOf27MegabytesPutTogetherFromThreeFragmentsReadsAsOneRawEvent() {
    String payload = "p".repeat(9 * 1024 * 1024);
    BsonDocument token = new BsonDocument("_data", new BsonString("82AA"));
    List<BsonDocument> fragments = List.of(
        EventFragmentsTest.fragment("82AA-1", 1, 3).append("operationType", new BsonString("update"))
            .append("documentKey", new BsonDocument("_id", new BsonString("big")))
            .append("fullDocument", new BsonDocument("_id", new BsonString("big"))
                .append("payload", new BsonString(payload))),
        EventFragmentsTest.fragment("82AA-2", 2, 3).append("fullDocumentBeforeChange",
            new BsonDocument("_id", new BsonString("big")).append("payload", new BsonString(payload))),
        new BsonDocument("_id", token).append("splitEvent", new BsonDocument("fragment", new BsonInt32(3))
            .append("of", new BsonInt32(3))).append("updateDescription", new BsonDocument("updatedFields",
                new BsonDocument("payload", new BsonString(payload))).append("removedFields",
                new BsonArray())));
    Deque<RawBsonDocument> batch = new ArrayDeque<>();
    fragments.forEach(f -> batch.add(new RawBsonDocument(f, EVENTS)));
    SplitEventCursor cursor = new SplitEventCursor(new ForwardingCursor(null) {
      @Override
      public RawBsonDocument tryNext() {
        return batch.poll();
      }

      @Override
      public BsonDocument getResumeToken() {
        return batch.isEmpty() ? token : null;
      }
    });

    RawChange whole = RawChange.of(cursor.tryNext());

    assertThat(whole.event().getByteBuffer().remaining()).as("bytes").isGreaterThan(27 * 1024 * 1024);
    assertThat(whole.resumeToken()).isEqualTo(token);
    assertThat(whole.documentKey()).isEqualTo(new BsonDocument("_id", new BsonString("big")));
    assertThat(whole.fullDocument().getString("payload").getValue()).isEqualTo(payload);
    assertThat(whole.fullDocumentBeforeChange().getString("payload").getValue()).isEqualTo(payload);
    assertThat(whole.updateDescription().getUpdatedFields().getString("payload").getValue()).isEqualTo(payload);
    assertThat(whole.event().containsKey("splitEvent")).isFalse();
    assertThat(cursor.getResumeToken()).isEqualTo(token);
  }

  private void writeBeforeHugeAfter() {
    fixture.items.insertOne(new Document("_id", "before"));
    fixture.items.insertOne(new Document("_id", "huge").append("payload", "p".repeat(1000)));
    fixture.items.insertOne(new Document("_id", "after"));
  }

  private ResumeTokenStore store() {
    InMemoryResumeTokenStore memory = new InMemoryResumeTokenStore();
    return new ResumeTokenStore() {
      @Override
      public Optional<BsonDocument> load(StreamKey key) {
        return memory.load(key);
      }

      @Override
      public void save(StreamKey key, BsonDocument token) {
        saved.add(token);
        memory.save(key, token);
      }
    };
  }

  /** Starts the engine on a server that splits large events: the n-th cursor sends fragments as plan n says. */
  private void start(Fragments... plans) {
    fixture.start(store(), new CursorOpener() {
      @Override
      public boolean splitsLargeEvents(ClusterDescription servers) {
        return true;
      }

      @Override
      public MongoChangeStreamCursor<RawBsonDocument> open(
          ChangeStreamIterable<BsonDocument> iterable, BsonDocument position, boolean startAfter) {
        opens.add(Optional.ofNullable(position));
        // the in-JVM server refuses the split stage that the stream asked for: watch without it, at the position
        ChangeStreamIterable<BsonDocument> withoutStage = fixture.client.getDatabase("test")
            .getCollection("items", BsonDocument.class).watch(BsonDocument.class);
        if (position != null) {
          withoutStage = withoutStage.resumeAfter(position);
        }
        return new SplittingCursor(CursorOpener.raw(withoutStage), plans[Math.min(opens.size(), plans.length) - 1]);
      }

      @Override
      public MongoChangeStreamCursor<RawBsonDocument> openWithoutDocuments(
          ChangeStreamIterable<BsonDocument> iterable, BsonDocument position, boolean startAfter) {
        return CursorOpener.raw(iterable); // the event without its documents is small: never split
      }
    });
  }

  /** A fragment's token as this test makes them: the event's token with the fragment's number. */
  private static boolean tokenIsAFragments(BsonDocument token) {
    return token.containsKey("fragmentNum");
  }

  /** Sends the event of {@code "huge"} in three fragments, as its plan says. */
  private static final class SplittingCursor extends ForwardingCursor {
    private final Fragments plan;
    private final Deque<Object> pending = new ArrayDeque<>();

    SplittingCursor(MongoChangeStreamCursor<RawBsonDocument> delegate, Fragments plan) {
      super(delegate);
      this.plan = plan;
    }

    @Override
    public RawBsonDocument tryNext() {
      if (!pending.isEmpty()) {
        Object next = pending.poll();
        if (next instanceof RuntimeException e) {
          throw e;
        }
        return new RawBsonDocument((BsonDocument) next, EVENTS);
      }
      RawBsonDocument next = super.tryNext();
      if (next == null || !next.containsKey("fullDocument")
          || !new BsonString("huge").equals(next.getDocument("fullDocument").get("_id"))) {
        return next;
      }
      if (plan == Fragments.FIELD_TOO_LARGE) {
        throw new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
            .append("code", new BsonInt32(10334)).append("codeName", new BsonString("BSONObjectTooLarge"))
            .append("errmsg", new BsonString("BSONObj size: 17000000 is invalid")), new ServerAddress());
      }
      List<BsonDocument> fragments = split(next, 3);
      pending.add(fragments.get(0));
      switch (plan) {
        case SECOND_MISSING -> pending.add(fragments.get(2));
        case CUT_AFTER_FIRST -> pending.add(new MongoSocketReadException("connection reset",
            new ServerAddress()));
        default -> pending.addAll(fragments.subList(1, 3));
      }
      return tryNext();
    }

    /** The event's fields in {@code n} fragments, in order; the last one has the event's own token. */
    private static List<BsonDocument> split(RawBsonDocument event, int n) {
      BsonDocument whole = EVENTS.decode(new BsonDocumentReader(event), DecoderContext.builder().build()); // mutable
      List<String> fields = whole.keySet().stream().filter(k -> !k.equals("_id")).toList();
      List<BsonDocument> fragments = new ArrayList<>();
      for (int k = 1; k <= n; k++) {
        BsonDocument token = k == n ? whole.getDocument("_id")
            : whole.getDocument("_id").clone().append("fragmentNum", new BsonInt32(k));
        BsonDocument fragment = new BsonDocument("_id", token).append("splitEvent",
            new BsonDocument("fragment", new BsonInt32(k)).append("of", new BsonInt32(n)));
        for (String f : fields.subList((k - 1) * fields.size() / n, k * fields.size() / n)) {
          fragment.append(f, whole.get(f));
        }
        fragments.add(fragment);
      }
      return fragments;
    }
  }
}
