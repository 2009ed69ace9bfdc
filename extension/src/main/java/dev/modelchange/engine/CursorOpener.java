package dev.modelchange.engine;

import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.connection.ClusterDescription;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * Opens a watcher's cursor. The engine opens it as the driver does, with each event kept whole as raw BSON
 * ({@link #raw}); tests replace this seam to produce server behaviour that the in-JVM MongoDB cannot (lost history,
 * invalidation).
 */
@FunctionalInterface
interface CursorOpener {
  CursorOpener DRIVER = (iterable, position, startAfter) -> raw(iterable);

  /**
   * The iterable's cursor with each event as one {@link RawBsonDocument}: the driver keeps the bytes it received,
   * and decodes nothing ({@link RawChange} reads them). The driver's change-stream iterable returns a change-stream
   * cursor from {@code withDocumentClass(...).cursor()}, resume token included.
   */
  static MongoChangeStreamCursor<RawBsonDocument> raw(ChangeStreamIterable<BsonDocument> iterable) {
    return (MongoChangeStreamCursor<RawBsonDocument>) iterable.withDocumentClass(RawBsonDocument.class).cursor();
  }

  /**
   * @param position the resume token the cursor starts after, or null
   * @param startAfter whether the position is an invalidation (opened with {@code startAfter})
   */
  MongoChangeStreamCursor<RawBsonDocument> open(
      ChangeStreamIterable<BsonDocument> iterable, BsonDocument position, boolean startAfter);

  /**
   * Opens a cursor whose pipeline projects the documents away, to find the token of an event too large to read
   * whole; the same as {@link #open} unless a test tells them apart.
   */
  default MongoChangeStreamCursor<RawBsonDocument> openWithoutDocuments(
      ChangeStreamIterable<BsonDocument> iterable, BsonDocument position, boolean startAfter) {
    return open(iterable, position, startAfter);
  }

  /**
   * Whether the cursor about to open asks the server to split events over 16 MB into fragments; decided at each
   * open from what the driver knows of the servers ({@link StreamSource#splitsLargeEvents(ClusterDescription)}).
   * Tests say yes to send fragments, which the in-JVM server cannot.
   */
  default boolean splitsLargeEvents(ClusterDescription servers) {
    return StreamSource.splitsLargeEvents(servers);
  }
}
