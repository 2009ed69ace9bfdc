package dev.modelchange;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.changestream.OperationType;
import com.mongodb.client.model.changestream.UpdateDescription;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * One change of a model's collection, as the server reported it, with the documents decoded into the model.
 * Immutable.
 *
 * @param <T> the model class
 */
public final class ChangeEvent<T> {
  private static final JsonWriterSettings RELAXED =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private final Class<T> modelType;
  private final OperationType operationType;
  private final BsonDocument documentKey;
  /** Formatted from the document key when first asked for (a benign race: every thread computes the same). */
  private String id;
  private final T fullDocument;
  private final T fullDocumentBeforeChange;
  private final UpdateDescription updateDescription;
  private final MongoNamespace namespace;
  private final BsonDocument resumeToken;
  private final BsonTimestamp clusterTime;
  private final Instant wallTime;

  private ChangeEvent(Builder<T> b) {
    this.modelType = Objects.requireNonNull(b.modelType, "modelType");
    this.operationType = Objects.requireNonNull(b.operationType, "operationType");
    this.documentKey = b.documentKey;
    this.fullDocument = b.fullDocument;
    this.fullDocumentBeforeChange = b.fullDocumentBeforeChange;
    this.updateDescription = b.updateDescription;
    this.namespace = b.namespace;
    this.resumeToken = b.resumeToken;
    this.clusterTime = b.clusterTime;
    this.wallTime = b.wallTime;
  }

  /** Starts an event of {@code modelType}; the engine builds them, and tests of observers may too. */
  public static <T> Builder<T> builder(Class<T> modelType) {
    return new Builder<>(modelType);
  }

  /**
   * The changed document's {@code _id} as text: an ObjectId as hex, a string as is, a number in decimal,
   * anything else as relaxed extended JSON. {@code null} when the event concerns no single document (drop,
   * rename, invalidate).
   */
  public String id() {
    String i = id;
    if (i == null && documentKey != null) {
      i = idOf(documentKey);
      id = i;
    }
    return i;
  }

  /** The {@code documentKey}: {@code _id}, plus the shard key on sharded collections; null when absent. */
  public BsonDocument documentKey() {
    return documentKey;
  }

  /** What happened; operations this driver does not know arrive as {@link OperationType#OTHER}. */
  public OperationType operationType() {
    return operationType;
  }

  /** The document after the change, when the event carries one (inserts, replaces, looked-up updates). */
  public Optional<T> fullDocument() {
    return Optional.ofNullable(fullDocument);
  }

  /** The document before the change, when pre-images were requested and are available (MongoDB 6.0+). */
  public Optional<T> fullDocumentBeforeChange() {
    return Optional.ofNullable(fullDocumentBeforeChange);
  }

  /** For updates: the fields updated and removed. */
  public Optional<UpdateDescription> updateDescription() {
    return Optional.ofNullable(updateDescription);
  }

  /** The database and collection of the change. */
  public MongoNamespace namespace() {
    return namespace;
  }

  /** The position of this event in the stream; resuming after it delivers the next change. */
  public BsonDocument resumeToken() {
    return resumeToken;
  }

  /** The time of the operation in the oplog. */
  public BsonTimestamp clusterTime() {
    return clusterTime;
  }

  /** The server's wall clock time of the operation (MongoDB 6.0+). */
  public Optional<Instant> wallTime() {
    return Optional.ofNullable(wallTime);
  }

  /** The model class that the documents were decoded into. */
  public Class<T> modelType() {
    return modelType;
  }

  static String idOf(BsonDocument documentKey) {
    BsonValue v = documentKey == null ? null : documentKey.get("_id");
    if (v == null) {
      return null;
    }
    switch (v.getBsonType()) {
      case OBJECT_ID:
        return v.asObjectId().getValue().toHexString();
      case STRING:
        return v.asString().getValue();
      case INT32:
        return Integer.toString(v.asInt32().getValue());
      case INT64:
        return Long.toString(v.asInt64().getValue());
      case DOUBLE:
        double d = v.asDouble().getValue();
        if (Double.isFinite(d)) {
          return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        break;
      case DECIMAL128:
        if (v.asDecimal128().getValue().isFinite()) {
          return v.asDecimal128().getValue().bigDecimalValue().toPlainString();
        }
        break;
      default:
        break;
    }
    // Relaxed extended JSON of the value alone: write it as the only field and cut the field off.
    String json = new BsonDocument("_id", v).toJson(RELAXED);
    return json.substring(json.indexOf(':') + 1, json.length() - 1).trim();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ChangeEvent)) {
      return false;
    }
    ChangeEvent<?> that = (ChangeEvent<?>) o;
    return modelType.equals(that.modelType)
        && operationType == that.operationType
        && Objects.equals(documentKey, that.documentKey)
        && Objects.equals(fullDocument, that.fullDocument)
        && Objects.equals(fullDocumentBeforeChange, that.fullDocumentBeforeChange)
        && Objects.equals(updateDescription, that.updateDescription)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(resumeToken, that.resumeToken)
        && Objects.equals(clusterTime, that.clusterTime)
        && Objects.equals(wallTime, that.wallTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(modelType, operationType, documentKey, namespace, resumeToken, clusterTime);
  }

  @Override
  public String toString() {
    return "ChangeEvent{" + operationType.getValue() + " " + modelType.getSimpleName() + " id=" + id()
        + ", namespace=" + namespace + ", clusterTime=" + clusterTime
        + (fullDocument == null ? "" : ", fullDocument=" + fullDocument)
        + (fullDocumentBeforeChange == null ? "" : ", fullDocumentBeforeChange=" + fullDocumentBeforeChange)
        + (updateDescription == null ? "" : ", updateDescription=" + updateDescription)
        + (wallTime == null ? "" : ", wallTime=" + wallTime) + "}";
  }

  /**
   * Builds a {@link ChangeEvent}.
   *
   * @param <T> the model class
   */
  public static final class Builder<T> {
    private final Class<T> modelType;
    private OperationType operationType;
    private BsonDocument documentKey;
    private T fullDocument;
    private T fullDocumentBeforeChange;
    private UpdateDescription updateDescription;
    private MongoNamespace namespace;
    private BsonDocument resumeToken;
    private BsonTimestamp clusterTime;
    private Instant wallTime;

    private Builder(Class<T> modelType) {
      this.modelType = modelType;
    }

    /** Sets what happened. */
    public Builder<T> operationType(OperationType value) {
      this.operationType = value;
      return this;
    }

    /** Sets the document key, whose {@code _id} becomes {@link ChangeEvent#id()}. */
    public Builder<T> documentKey(BsonDocument value) {
      this.documentKey = value;
      return this;
    }

    /** Sets the document after the change. */
    public Builder<T> fullDocument(T value) {
      this.fullDocument = value;
      return this;
    }

    /** Sets the document before the change. */
    public Builder<T> fullDocumentBeforeChange(T value) {
      this.fullDocumentBeforeChange = value;
      return this;
    }

    /** Sets the update description. */
    public Builder<T> updateDescription(UpdateDescription value) {
      this.updateDescription = value;
      return this;
    }

    /** Sets the namespace. */
    public Builder<T> namespace(MongoNamespace value) {
      this.namespace = value;
      return this;
    }

    /** Sets the resume token. */
    public Builder<T> resumeToken(BsonDocument value) {
      this.resumeToken = value;
      return this;
    }

    /** Sets the cluster time. */
    public Builder<T> clusterTime(BsonTimestamp value) {
      this.clusterTime = value;
      return this;
    }

    /** Sets the wall time. */
    public Builder<T> wallTime(Instant value) {
      this.wallTime = value;
      return this;
    }

    /** Builds the event; the model type and operation type are required. */
    public ChangeEvent<T> build() {
      return new ChangeEvent<>(this);
    }
  }
}
