package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import java.time.Instant;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonValue;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * One change as the cursor returned it, decoded into each model type at most once however many receivers
 * want it. Used by the watcher's thread only.
 */
final class ReceivedChange {
  private static final DecoderContext DECODER_CONTEXT = DecoderContext.builder().build();

  private final ChangeStreamDocument<BsonDocument> raw;
  private final MongoNamespace namespace;
  private final CodecRegistry codecs;
  private final StreamStats stats;
  private ChangeEvent<?> decoded;
  private boolean matched;

  ReceivedChange(ChangeStreamDocument<BsonDocument> raw, MongoNamespace watched, CodecRegistry codecs,
      StreamStats stats) {
    this.raw = raw;
    this.stats = stats;
    this.namespace = namespaceOf(raw, watched);
    this.codecs = codecs;
  }

  /**
   * The event's namespace. The driver builds (and validates) a new MongoNamespace on every getNamespace(), which
   * cost 7% of the per-event CPU: compare the raw {@code ns} document with the watched collection instead, which
   * it is for all but rename-like events. A server without {@code ns} (the in-JVM one) gets the watched one.
   */
  private static MongoNamespace namespaceOf(ChangeStreamDocument<BsonDocument> raw, MongoNamespace watched) {
    BsonDocument ns = raw.getNamespaceDocument();
    if (ns == null) {
      return watched;
    }
    BsonValue db = ns.get("db");
    BsonValue coll = ns.get("coll");
    if (db != null && coll != null && db.isString() && coll.isString()
        && watched.getDatabaseName().equals(db.asString().getValue())
        && watched.getCollectionName().equals(coll.asString().getValue())) {
      return watched;
    }
    MongoNamespace own = raw.getNamespace();
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
    return raw.getOperationType() == null ? OperationType.OTHER : raw.getOperationType();
  }

  BsonDocument fullDocument() {
    return raw.getFullDocument();
  }

  /**
   * The document that filters are evaluated against: the full document, else (for a delete with pre-images)
   * the document before the change; null when the event carries neither.
   */
  BsonDocument filterDocument() {
    return raw.getFullDocument() != null ? raw.getFullDocument() : raw.getFullDocumentBeforeChange();
  }

  BsonDocument resumeToken() {
    return raw.getResumeToken();
  }

  /** The document key as the server sent it (possibly without {@code _id} on the in-JVM server). */
  BsonDocument rawDocumentKey() {
    return raw.getDocumentKey();
  }

  /** The event in words for a log line: operation, namespace, document key and token, never the content. */
  String describe() {
    return describe(raw, namespace);
  }

  /** {@link #describe()} for an event that could not be taken apart. */
  static String describe(ChangeStreamDocument<?> raw, MongoNamespace namespace) {
    return (raw.getOperationTypeString() == null ? "an event" : "the " + raw.getOperationTypeString() + " event")
        + " of " + namespace.getFullName()
        + " (key " + (raw.getDocumentKey() == null ? "none" : raw.getDocumentKey().toJson())
        + ", token " + (raw.getResumeToken() == null ? "none" : raw.getResumeToken().toJson()) + ")";
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
    ChangeEvent<T> e = ChangeEvent.builder(modelType)
        .operationType(operationType())
        .documentKey(documentKey())
        .fullDocument(decode(modelType, raw.getFullDocument()))
        .fullDocumentBeforeChange(decode(modelType, raw.getFullDocumentBeforeChange()))
        .updateDescription(raw.getUpdateDescription())
        .namespace(namespace)
        .resumeToken(raw.getResumeToken())
        .clusterTime(raw.getClusterTime())
        .wallTime(raw.getWallTime() == null ? null : Instant.ofEpochMilli(raw.getWallTime().getValue()))
        .build();
    decoded = e;
    return e;
  }

  /**
   * The document key; real MongoDB always puts {@code _id} in it. A server that omits it (the in-JVM one, on
   * updates) gets the {@code _id} of the event's full document when there is one, which is the same value.
   */
  BsonDocument documentKey() {
    BsonDocument key = raw.getDocumentKey();
    if ((key == null || !key.containsKey("_id")) && raw.getFullDocument() != null
        && raw.getFullDocument().containsKey("_id")) {
      return new BsonDocument("_id", raw.getFullDocument().get("_id"));
    }
    return key;
  }

  private <T> T decode(Class<T> modelType, BsonDocument document) {
    if (document == null) {
      return null;
    }
    if (modelType == BsonDocument.class) {
      return modelType.cast(document);
    }
    return codecs.get(modelType).decode(new BsonDocumentReader(document), DECODER_CONTEXT);
  }
}
