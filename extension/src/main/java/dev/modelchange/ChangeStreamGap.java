package dev.modelchange;

import com.mongodb.MongoNamespace;
import java.util.Objects;
import java.util.Optional;
import org.bson.BsonDocument;

/**
 * Fired as a CDI event (and passed to {@link ListenOptions#onError()}) when a stream could not continue from
 * where it was, so changes may have been missed: the application should resynchronise (clear a cache, reload).
 * A gap is never silent: it is also logged as an error.
 */
public final class ChangeStreamGap {

  /** Why the stream could not continue. */
  public enum Reason {
    /** The stored position fell off the oplog (or the server rejected it as invalid). */
    HISTORY_LOST,
    /** The collection was dropped or renamed (or its database dropped): the stream was invalidated. */
    INVALIDATED,
    /** The stored position could not be read. */
    UNREADABLE_POSITION,
    /**
     * One event was over MongoDB's 16 MB limit and could not be split ({@code $changeStreamSplitLargeEvent} needs
     * MongoDB 7.0): it was skipped. {@link #newPosition()} is that event's resume token.
     */
    EVENT_TOO_LARGE
  }

  private final Class<?> modelType;
  private final MongoNamespace namespace;
  private final Reason reason;
  private final BsonDocument lastPosition;
  private final BsonDocument newPosition;

  /**
   * Creates a gap.
   *
   * @param modelType the model whose stream has the gap
   * @param namespace the collection
   * @param reason why
   * @param lastPosition the resume token the stream was at, or null if unknown
   * @param newPosition the resume token it continues from, or null when it restarts from "now"
   */
  public ChangeStreamGap(
      Class<?> modelType, MongoNamespace namespace, Reason reason, BsonDocument lastPosition,
      BsonDocument newPosition) {
    this.modelType = Objects.requireNonNull(modelType, "modelType");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.lastPosition = lastPosition;
    this.newPosition = newPosition;
  }

  /** The model whose stream has the gap. */
  public Class<?> modelType() {
    return modelType;
  }

  /** The collection. */
  public MongoNamespace namespace() {
    return namespace;
  }

  /** Why the stream could not continue. */
  public Reason reason() {
    return reason;
  }

  /** The resume token the stream was at. */
  public Optional<BsonDocument> lastPosition() {
    return Optional.ofNullable(lastPosition);
  }

  /** The resume token the stream continues from; empty when it restarted from "now". */
  public Optional<BsonDocument> newPosition() {
    return Optional.ofNullable(newPosition);
  }

  /** This gap as an exception, as {@link ListenOptions#onError()} receives it. */
  public GapException toException() {
    return new GapException(this);
  }

  /** A {@link ChangeStreamGap} passed where a {@link Throwable} is expected. */
  public static final class GapException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ChangeStreamGap gap;

    GapException(ChangeStreamGap gap) {
      super(gap.toString(), null, false, false);
      this.gap = gap;
    }

    /** The gap. */
    public ChangeStreamGap gap() {
      return gap;
    }
  }

  @Override
  public String toString() {
    return "ChangeStreamGap{" + reason + " " + modelType.getSimpleName() + " on " + namespace
        + ", last=" + lastPosition + ", new=" + newPosition + "}";
  }
}
