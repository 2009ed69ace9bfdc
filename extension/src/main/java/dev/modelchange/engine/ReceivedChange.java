package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import java.time.Instant;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * One change as the cursor returned it ({@link RawChange}), decoded into each model type at most once however many
 * receivers want it, and only when one does: the model straight from the raw bytes of the full document, with the
 * model's codec, no tree in between. Used by the watcher's thread only.
 */
final class ReceivedChange {
  private final RawChange raw;
  private final MongoNamespace namespace;
  private final CodecRegistry codecs;
  private final StreamStats stats;
  private ChangeEvent<?> decoded;
  private boolean matched;

  ReceivedChange(RawChange raw, MongoNamespace watched, CodecRegistry codecs, StreamStats stats) {
    this.raw = raw;
    this.stats = stats;
    this.namespace = namespaceOf(raw, watched);
    this.codecs = codecs;
  }

  /**
   * The event's namespace: the watched one when the event's {@code ns} names it (compared as bytes: building a
   * MongoNamespace per event cost 7% of the per-event CPU), or has none (the in-JVM server); else its own.
   */
  private static MongoNamespace namespaceOf(RawChange raw, MongoNamespace watched) {
    if (raw.inNamespace(watched)) {
      return watched;
    }
    MongoNamespace own = raw.namespace();
    return own != null ? own : watched;
  }

  /** A receiver's operations and filter matched: the event is delivered, not filtered out. */
  void markMatched() {
    matched = true;
  }

  boolean matched() {
    return matched;
  }

  /** A receiver failed on this event (now, or later for an asynchronous one). */
  void receiverFailed() {
    stats.receiverFailures.incrementAndGet();
  }

  OperationType operationType() {
    return raw.operationType();
  }

  /**
   * The document that filters are evaluated against, as raw bytes: the full document, else (for a delete with
   * pre-images) the document before the change; null when the event carries neither.
   */
  BsonDocument filterDocument() {
    RawBsonDocument full = raw.fullDocument();
    return full != null ? full : raw.fullDocumentBeforeChange();
  }

  BsonDocument resumeToken() {
    return raw.resumeToken();
  }

  /** The document key as the server sent it (possibly without {@code _id} on the in-JVM server). */
  BsonDocument rawDocumentKey() {
    return raw.documentKey();
  }

  /** The event in words for a log line: operation, namespace, document key and token, never the content. */
  String describe() {
    return raw.describe(namespace);
  }

  MongoNamespace namespace() {
    return namespace;
  }

  /**
   * The change as an event of {@code modelType}; decoded once per model type.
   *
   * @throws org.bson.codecs.configuration.CodecConfigurationException when the model has no codec
   * @throws org.bson.BSONException when a document does not fit the model
   */
  @SuppressWarnings("unchecked")
  <T> ChangeEvent<T> as(Class<T> modelType) {
    ChangeEvent<?> d = decoded;
    if (d != null && d.modelType() == modelType) {
      return (ChangeEvent<T>) d;
    }
    Codec<T> codec = modelType == BsonDocument.class ? null : codecs.get(modelType);
    Long wallTime = raw.wallTimeMillis();
    ChangeEvent<T> e = ChangeEvent.builder(modelType)
        .operationType(operationType())
        .documentKey(documentKey())
        .fullDocument(decode(modelType, codec, raw.fullDocument()))
        .fullDocumentBeforeChange(decode(modelType, codec, raw.fullDocumentBeforeChange()))
        .updateDescription(raw.updateDescription())
        .namespace(namespace)
        .resumeToken(raw.resumeToken())
        .clusterTime(raw.clusterTime())
        .wallTime(wallTime == null ? null : Instant.ofEpochMilli(wallTime))
        .build();
    decoded = e;
    return e;
  }

  /**
   * The document key; real MongoDB always puts {@code _id} in it. A server that omits it (the in-JVM one, on
   * updates) gets the {@code _id} of the event's full document when there is one, which is the same value.
   */
  BsonDocument documentKey() {
    BsonDocument key = raw.documentKey();
    if (key == null || !key.containsKey("_id")) {
      RawBsonDocument full = raw.fullDocument();
      if (full != null && full.containsKey("_id")) {
        return new BsonDocument("_id", full.get("_id"));
      }
    }
    return key;
  }

  private static <T> T decode(Class<T> modelType, Codec<T> codec, RawBsonDocument document) {
    if (document == null) {
      return null;
    }
    return codec == null ? modelType.cast(document) : document.decode(codec);
  }
}
