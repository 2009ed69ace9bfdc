package dev.modelchange.engine;

import com.mongodb.ServerAddress;
import com.mongodb.ServerCursor;
import com.mongodb.client.MongoChangeStreamCursor;
import java.util.NoSuchElementException;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * A stream's cursor opened with {@code $changeStreamSplitLargeEvent}: returns whole events only, each split event
 * put together by {@link EventFragments}. Events that are not split pass untouched, their raw bytes as the driver
 * received them (a look at their top-level field names tells); only a split event is decoded, merged and encoded
 * to raw bytes once more. While an event is being put together, {@link #getResumeToken()} is null, so that the
 * watcher never checkpoints a position inside an event. One per cursor: a reopened cursor starts with no fragment
 * held.
 */
final class SplitEventCursor implements MongoChangeStreamCursor<RawBsonDocument> {
  private static final BsonDocumentCodec DOCUMENTS = new BsonDocumentCodec();

  private final MongoChangeStreamCursor<RawBsonDocument> cursor;
  private final EventFragments fragments = new EventFragments();

  SplitEventCursor(MongoChangeStreamCursor<RawBsonDocument> cursor) {
    this.cursor = cursor;
  }

  /**
   * The next whole event, or null when the server has none yet (possibly with fragments of one held).
   *
   * @throws EventFragments.BrokenSequence when the fragments of an event do not arrive in sequence
   */
  @Override
  public RawBsonDocument tryNext() {
    while (true) {
      RawBsonDocument next = cursor.tryNext();
      if (next == null) {
        return null;
      }
      if (!fragments.isAssembling() && !EventFragments.isFragment(next)) {
        return next;
      }
      BsonDocument whole = fragments.add(next);
      if (whole != null) {
        return new RawBsonDocument(whole, DOCUMENTS);
      }
    }
  }

  @Override
  public RawBsonDocument next() {
    while (true) {
      RawBsonDocument next = tryNext();
      if (next != null) {
        return next;
      }
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
    }
  }

  @Override
  public boolean hasNext() {
    return cursor.hasNext();
  }

  /** The position after the last whole event returned; null while fragments of an event are held. */
  @Override
  public BsonDocument getResumeToken() {
    return fragments.isAssembling() ? null : cursor.getResumeToken();
  }

  @Override
  public int available() {
    return cursor.available();
  }

  @Override
  public void close() {
    cursor.close();
  }

  @Override
  public ServerCursor getServerCursor() {
    return cursor.getServerCursor();
  }

  @Override
  public ServerAddress getServerAddress() {
    return cursor.getServerAddress();
  }
}
