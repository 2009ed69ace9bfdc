package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoServerException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.BsonTimestamp;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;

/**
 * The server side of one stream: its collection, shape and model, and how its cursor opens at a position.
 * Immutable; the {@link CursorOpener} seam lets tests produce server behaviour the in-JVM MongoDB cannot.
 */
final class StreamSource {
  /** How long the server may hold an empty getMore (real MongoDB's await-data). */
  private static final long MAX_AWAIT_MILLIS = 1000;
  /** How many empty polls {@link #peekWithoutDocuments} tries before giving up. */
  private static final int PEEK_POLLS = 20;
  /** The wire version of MongoDB 7.0, the first whose every release has {@code $changeStreamSplitLargeEvent}. */
  static final int SPLIT_LARGE_EVENTS_WIRE_VERSION = 21;
  /** The stage that makes the server send an event over 16 MB in fragments; it must be the pipeline's last. */
  static final String SPLIT_STAGE_NAME = "$changeStreamSplitLargeEvent";
  static final BsonDocument SPLIT_LARGE_EVENTS = new BsonDocument(SPLIT_STAGE_NAME, new BsonDocument());

  private final StreamShape shape;
  private final MongoDatabase database;
  private final MongoCollection<BsonDocument> collection;
  private final Class<?> modelType;
  private final CodecRegistry codecs;
  private final CursorOpener opener;
  private final Supplier<ClusterDescription> servers;
  /** Whether the last cursor opened asks for events over 16 MB in fragments. */
  private volatile boolean splitting;
  /** The server rejected the split stage once: the stream no longer asks for it. */
  private volatile boolean splitRefused;

  /**
   * @param servers what the driver knows of the servers now ({@code MongoClient::getClusterDescription})
   */
  StreamSource(StreamShape shape, MongoDatabase database, Class<?> modelType, CodecRegistry codecs,
      CursorOpener opener, Supplier<ClusterDescription> servers) {
    this.shape = shape;
    this.servers = servers;
    this.database = database;
    this.collection = database.getCollection(shape.namespace().getCollectionName(), BsonDocument.class);
    this.modelType = modelType;
    this.codecs = codecs;
    this.opener = opener;
  }

  StreamShape shape() {
    return shape;
  }

  MongoNamespace namespace() {
    return shape.namespace();
  }

  Class<?> modelType() {
    return modelType;
  }

  CodecRegistry codecs() {
    return codecs;
  }

  /** The server's time now; a round trip. */
  BsonTimestamp serverTime() {
    return ServerClock.now(database);
  }

  /**
   * Opens the stream's cursor at {@code position}, fixing a start "from now" first: with the opening reply's
   * post-batch token, or without one (a server before 4.0.7, or the in-JVM one) at the server's time before the
   * open, reopening there, so that no resume can skip changes written before the first event.
   */
  MongoChangeStreamCursor<RawBsonDocument> openFixingStart(StreamPosition position) {
    BsonTimestamp serverTimeBeforeOpen = position.needsServerTime() ? serverTime() : null;
    MongoChangeStreamCursor<RawBsonDocument> cursor = open(position);
    if (position.fixFromOpened(cursor, serverTimeBeforeOpen)) {
      cursor.close();
      cursor = open(position);
    }
    return cursor;
  }

  /**
   * Opens the stream's cursor at {@code position}. Where every server splits events over 16 MB (decided anew at
   * each open, from what the driver knows of them), the pipeline ends with {@code $changeStreamSplitLargeEvent}
   * and the cursor returns whole events put together from their fragments ({@link SplitEventCursor}).
   */
  MongoChangeStreamCursor<RawBsonDocument> open(StreamPosition position) {
    boolean split = !splitRefused && opener.splitsLargeEvents(knownServers());
    splitting = split;
    MongoChangeStreamCursor<RawBsonDocument> cursor = opener.open(
        position.applyTo(iterable(pipeline(split))), position.token(), position.startsAfter());
    return split ? new SplitEventCursor(cursor) : cursor;
  }

  /** The stream's pipeline, ending with the split stage when {@code split}. */
  List<Bson> pipeline(boolean split) {
    List<Bson> pipeline = new ArrayList<>(shape.pipeline());
    if (split) {
      pipeline.add(SPLIT_LARGE_EVENTS);
    }
    return pipeline;
  }

  /** Whether the cursor opened last asks the server to split events over 16 MB. */
  boolean splitsLargeEvents() {
    return splitting;
  }

  /**
   * Whether {@code failure} is the server refusing the split stage, which ModelChange added itself (a server whose
   * feature compatibility version is older than its binaries, say): then the stream stops asking for it, and
   * events over 16 MB are skipped with a gap, rather than the stream failing or retrying forever.
   *
   * @return whether the stage is dropped now, so the stream should reopen without it
   */
  boolean dropSplitStage(Throwable failure) {
    if (!splitting || splitRefused || !(failure instanceof MongoServerException refused)
        || refused.getMessage() == null || !refused.getMessage().contains(SPLIT_STAGE_NAME)) {
      return false;
    }
    splitRefused = true;
    splitting = false;
    return true;
  }

  /**
   * Whether every server the driver knows splits events over 16 MB: MongoDB 7.0+ (wire version 21). The stage is
   * also in 6.0.9+, but a 6.0 server's wire version (17) does not tell 6.0.9 from 6.0.0, and 6.0 is past its end of
   * life; all servers count, not only the one the cursor opens on, so that a resume on another member after a
   * failover (a rolling upgrade, say) is never refused. Servers not reachable now do not count.
   */
  static boolean splitsLargeEvents(ClusterDescription servers) {
    List<ServerDescription> reachable = servers.getServerDescriptions().stream().filter(ServerDescription::isOk)
        .toList();
    return !reachable.isEmpty()
        && reachable.stream().allMatch(s -> s.getMaxWireVersion() >= SPLIT_LARGE_EVENTS_WIRE_VERSION);
  }

  /** What the driver knows of the servers; if it has reached none yet, after one round trip that reaches one. */
  private ClusterDescription knownServers() {
    ClusterDescription known = servers.get();
    if (known.getServerDescriptions().stream().noneMatch(ServerDescription::isOk)) {
      database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
      known = servers.get();
    }
    return known;
  }

  /**
   * The next event after {@code position} with its documents and update description projected away: how a
   * stream finds the token of an event too large to read whole. Null if none arrives within a few polls.
   */
  RawChange peekWithoutDocuments(StreamPosition position) {
    List<Bson> pipeline = new ArrayList<>(shape.pipeline());
    pipeline.add(Aggregates.project(Projections.exclude("fullDocument", "fullDocumentBeforeChange",
        "updateDescription")));
    try (MongoChangeStreamCursor<RawBsonDocument> cursor = opener.openWithoutDocuments(
        position.applyTo(iterable(pipeline)), position.token(), position.startsAfter())) {
      for (int i = 0; i < PEEK_POLLS; i++) {
        RawBsonDocument next = cursor.tryNext();
        if (next != null) {
          return RawChange.of(next);
        }
      }
      return null;
    }
  }

  private ChangeStreamIterable<BsonDocument> iterable(List<? extends Bson> pipeline) {
    ChangeStreamIterable<BsonDocument> it = collection.watch(pipeline, BsonDocument.class)
        .maxAwaitTime(MAX_AWAIT_MILLIS, TimeUnit.MILLISECONDS);
    if (shape.fullDocument() != FullDocument.DEFAULT) {
      it = it.fullDocument(shape.fullDocument());
    }
    if (shape.fullDocumentBeforeChange() != FullDocumentBeforeChange.DEFAULT) {
      it = it.fullDocumentBeforeChange(shape.fullDocumentBeforeChange());
    }
    return it;
  }
}
