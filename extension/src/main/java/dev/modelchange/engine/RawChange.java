package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.changestream.OperationType;
import com.mongodb.client.model.changestream.TruncatedArray;
import com.mongodb.client.model.changestream.UpdateDescription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * One change event as the cursor returned it: the whole event as raw BSON bytes, read once. A single pass over the
 * top-level fields ({@link RawFields}) finds where each one is; the documents in it ({@code _id}, the document key,
 * the full documents) are slices of the same bytes, never copied or decoded into a tree. The model is decoded
 * straight from the bytes of the full document ({@link ReceivedChange}), the update description only when asked for.
 * Immutable.
 */
final class RawChange {
  private static final OperationType[] OPERATIONS = OperationType.values();
  private static final byte[][] OPERATION_NAMES = new byte[OPERATIONS.length][];

  static {
    for (int i = 0; i < OPERATIONS.length; i++) {
      OPERATION_NAMES[i] = OPERATIONS[i].getValue().getBytes(StandardCharsets.UTF_8);
    }
  }

  private final RawBsonDocument event;
  private final RawFields fields;

  private RawChange(RawBsonDocument event) {
    this.event = event;
    ByteBuf buffer = event.getByteBuffer();
    this.fields = new RawFields(buffer.array(), buffer.position());
  }

  /** The event as the cursor returned it. */
  static RawChange of(RawBsonDocument event) {
    return new RawChange(event);
  }

  /** An event that is a tree (built by hand, or reassembled from fragments): encoded to raw bytes once. */
  static RawChange of(BsonDocument event) {
    return event instanceof RawBsonDocument raw ? new RawChange(raw)
        : new RawChange(new RawBsonDocument(event, new BsonDocumentCodec()));
  }

  /** The whole event, raw. */
  RawBsonDocument event() {
    return event;
  }

  /** The operation; {@link OperationType#OTHER} for one this driver does not know, or none. */
  OperationType operationType() {
    int at = fields.operationType;
    if (at < 0) {
      return OperationType.OTHER;
    }
    for (int i = 0; i < OPERATIONS.length; i++) {
      if (fields.stringEquals(at, OPERATION_NAMES[i])) {
        return OPERATIONS[i];
      }
    }
    return OperationType.OTHER;
  }

  /** The operation as the server wrote it, for log lines; null if none. */
  String operationTypeString() {
    return fields.operationType < 0 ? null : fields.string(fields.operationType);
  }

  /** The event's resume token ({@code _id}); null if none. */
  BsonDocument resumeToken() {
    return fields.document(fields.resumeToken);
  }

  BsonDocument documentKey() {
    return fields.document(fields.documentKey);
  }

  /** The full document's raw bytes, or null (absent, or BSON null). */
  RawBsonDocument fullDocument() {
    return fields.document(fields.fullDocument);
  }

  RawBsonDocument fullDocumentBeforeChange() {
    return fields.document(fields.fullDocumentBeforeChange);
  }

  BsonTimestamp clusterTime() {
    return fields.clusterTime < 0 ? null : new BsonTimestamp(fields.int64(fields.clusterTime));
  }

  /** The wall time in epoch milliseconds, or null. */
  Long wallTimeMillis() {
    return fields.wallTime < 0 ? null : fields.int64(fields.wallTime);
  }

  /** Whether the event has no {@code ns}, or the one of {@code watched}; compares the bytes, decodes nothing. */
  boolean inNamespace(MongoNamespace watched) {
    if (fields.namespace < 0) {
      return true;
    }
    return fields.namespaceDb >= 0 && fields.namespaceColl >= 0
        && fields.stringEquals(fields.namespaceDb, watched.getDatabaseName())
        && fields.stringEquals(fields.namespaceColl, watched.getCollectionName());
  }

  /** The event's own namespace, or null when it has none that names a collection. */
  MongoNamespace namespace() {
    BsonDocument ns = fields.document(fields.namespace);
    if (ns == null || !ns.isString("db") || !ns.isString("coll")) {
      return null;
    }
    return new MongoNamespace(ns.getString("db").getValue(), ns.getString("coll").getValue());
  }

  /** The update description in the driver's type, read from the bytes when asked; null if none. */
  UpdateDescription updateDescription() {
    BsonDocument d = fields.document(fields.updateDescription);
    if (d == null) {
      return null;
    }
    List<String> removed = null;
    if (d.isArray("removedFields")) {
      removed = new ArrayList<>();
      for (BsonValue v : d.getArray("removedFields")) {
        removed.add(v.asString().getValue());
      }
    }
    List<TruncatedArray> truncated = null;
    if (d.isArray("truncatedArrays")) {
      truncated = new ArrayList<>();
      for (BsonValue v : d.getArray("truncatedArrays")) {
        BsonDocument t = v.asDocument();
        truncated.add(new TruncatedArray(t.getString("field").getValue(), t.getNumber("newSize").intValue()));
      }
    }
    return new UpdateDescription(removed, d.isDocument("updatedFields") ? d.getDocument("updatedFields") : null,
        truncated, d.isDocument("disambiguatedPaths") ? d.getDocument("disambiguatedPaths") : null);
  }

  /** The event in words for a log line: operation, namespace, document key and token, never the content. */
  String describe(MongoNamespace namespace) {
    BsonDocument key = documentKey();
    BsonDocument token = resumeToken();
    String operation = operationTypeString();
    return (operation == null ? "an event" : "the " + operation + " event") + " of " + namespace.getFullName()
        + " (key " + (key == null ? "none" : key.toJson()) + ", token " + (token == null ? "none" : token.toJson())
        + ")";
  }
}
