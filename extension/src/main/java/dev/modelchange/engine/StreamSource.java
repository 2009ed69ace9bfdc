package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
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

  private final StreamShape shape;
  private final MongoDatabase database;
  private final MongoCollection<BsonDocument> collection;
  private final Class<?> modelType;
  private final CodecRegistry codecs;
  private final CursorOpener opener;

  StreamSource(StreamShape shape, MongoDatabase database, Class<?> modelType, CodecRegistry codecs,
      CursorOpener opener) {
    this.shape = shape;
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

  /** Opens the stream's cursor at {@code position}. */
  MongoChangeStreamCursor<RawBsonDocument> open(StreamPosition position) {
    return opener.open(position.applyTo(iterable(shape.pipeline())), position.token(), position.startsAfter());
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
