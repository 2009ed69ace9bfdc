package dev.modelchange;

import com.mongodb.MongoNamespace;
import java.util.Objects;
import java.util.Optional;
import org.bson.BsonDocument;

/**
 * Fired as a CDI event when an observer or listener throws, or when a change stream fails and is being
 * retried. The stream goes on either way; this event lets the application count, alert or compensate.
 */
public final class ChangeStreamFailure {
  private final Class<?> modelType;
  private final MongoNamespace namespace;
  private final String observer;
  private final ChangeEvent<?> event;
  private final Throwable cause;
  private final BsonDocument documentKey;
  private final BsonDocument resumeToken;

  /**
   * Creates a failure that concerns no single event, or one whose key and token the event itself gives.
   *
   * @param modelType the model whose stream or observer failed
   * @param namespace the collection
   * @param observer the observer or listener that threw, or null for a failure of the stream itself
   * @param event the event being delivered, or null for a failure of the stream itself
   * @param cause what was thrown
   */
  public ChangeStreamFailure(
      Class<?> modelType, MongoNamespace namespace, String observer, ChangeEvent<?> event, Throwable cause) {
    this(modelType, namespace, observer, event, event == null ? null : event.documentKey(),
        event == null ? null : event.resumeToken(), cause);
  }

  /**
   * Creates a failure of one event, which may not have been decoded (then {@code event} is null, and the key and
   * token still name it).
   *
   * @param documentKey the event's document key, or null when the failure concerns no event
   * @param resumeToken the event's resume token, or null when the failure concerns no event
   */
  public ChangeStreamFailure(Class<?> modelType, MongoNamespace namespace, String observer, ChangeEvent<?> event,
      BsonDocument documentKey, BsonDocument resumeToken, Throwable cause) {
    this.documentKey = documentKey;
    this.resumeToken = resumeToken;
    this.modelType = Objects.requireNonNull(modelType, "modelType");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.observer = observer;
    this.event = event;
    this.cause = Objects.requireNonNull(cause, "cause");
  }

  /** The model whose stream or observer failed. */
  public Class<?> modelType() {
    return modelType;
  }

  /** The collection. */
  public MongoNamespace namespace() {
    return namespace;
  }

  /** The observer method or listener that threw; empty when the stream itself failed. */
  public Optional<String> observer() {
    return Optional.ofNullable(observer);
  }

  /** The event being delivered; empty when the stream itself failed. */
  public Optional<ChangeEvent<?>> event() {
    return Optional.ofNullable(event);
  }

  /** The document key of the event that failed; empty when the failure concerns no event. */
  public Optional<BsonDocument> documentKey() {
    return Optional.ofNullable(documentKey);
  }

  /** The resume token of the event that failed; empty when the failure concerns no event. */
  public Optional<BsonDocument> resumeToken() {
    return Optional.ofNullable(resumeToken);
  }

  /** What was thrown. */
  public Throwable cause() {
    return cause;
  }

  @Override
  public String toString() {
    return "ChangeStreamFailure{" + modelType.getSimpleName() + " on " + namespace
        + (observer == null ? " (stream)" : " in " + observer)
        + (documentKey == null ? "" : ", key=" + documentKey.toJson())
        + (resumeToken == null ? "" : ", token=" + resumeToken.toJson()) + ": " + cause + "}";
  }
}
