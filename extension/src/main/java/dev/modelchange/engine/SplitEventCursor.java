package dev.modelchange.engine;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.ServerCursor;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.util.NoSuchElementException;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonDocumentWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;

/**
 * A stream's cursor opened with {@code $changeStreamSplitLargeEvent}: returns whole events only, each split event
 * put together by {@link EventFragments}. Events that are not split pass untouched; only fragments are taken back
 * to their document form and the whole event decoded once more. While an event is being put together, {@link
 * #getResumeToken()} is null, so that the watcher never checkpoints a position inside an event. One per cursor:
 * a reopened cursor starts with no fragment held.
 */
final class SplitEventCursor implements MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> {
  private static final Codec<ChangeStreamDocument<BsonDocument>> EVENTS =
      ChangeStreamDocument.createCodec(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());

  private final MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor;
  private final EventFragments fragments = new EventFragments();

  SplitEventCursor(MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor) {
    this.cursor = cursor;
  }

  /**
   * The next whole event, or null when the server has none yet (possibly with fragments of one held).
   *
   * @throws EventFragments.BrokenSequence when the fragments of an event do not arrive in sequence
   */
  @Override
  public ChangeStreamDocument<BsonDocument> tryNext() {
    while (true) {
      ChangeStreamDocument<BsonDocument> next = cursor.tryNext();
      if (next == null) {
        return null;
      }
      if (next.getSplitEvent() == null && !fragments.isAssembling()) {
        return next;
      }
      BsonDocument whole = fragments.add(asDocument(next));
      if (whole != null) {
        return EVENTS.decode(new BsonDocumentReader(whole), DecoderContext.builder().build());
      }
    }
  }

  @Override
  public ChangeStreamDocument<BsonDocument> next() {
    while (true) {
      ChangeStreamDocument<BsonDocument> next = tryNext();
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

  private static BsonDocument asDocument(ChangeStreamDocument<BsonDocument> event) {
    BsonDocument document = new BsonDocument();
    EVENTS.encode(new BsonDocumentWriter(document), event, EncoderContext.builder().build());
    return document;
  }
}
