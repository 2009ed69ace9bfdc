package dev.modelchange.tck.backend;

/**
 * What a MongoDB backend can do that some contract tests need. Real MongoDB replica sets have them by version
 * (see {@link ServerCapabilities}); the in-JVM server has none of them (see IN-JVM-MONGODB.md). A test that needs
 * one declares it with {@link RequiresCapability} and is skipped, naming the capability, on a backend without it.
 */
public enum Capability {
  /** Update events carry {@code documentKey: {_id}} (the in-JVM server sends the update operators). */
  DOCUMENT_KEY_ON_UPDATE,
  /** Update events carry an {@code updateDescription}, and no full document unless asked. */
  UPDATE_DESCRIPTION,
  /**
   * {@code updateDescription.truncatedArrays}: a pipeline update that shortens an array reports the truncation
   * (MongoDB 5.0+).
   */
  TRUNCATED_ARRAYS,
  /** Replacements arrive as {@code replace} events with the new document (the in-JVM server sends {@code update}). */
  REPLACE_EVENTS,
  /** Every batch carries a post-batch resume token, so a quiet stream has a position (MongoDB 4.0.7+). */
  POST_BATCH_RESUME_TOKEN,
  /** An empty getMore waits for data ({@code maxAwaitTimeMS}) instead of returning at once. */
  AWAIT_DATA,
  /** Events carry {@code ns} and {@code wallTime} (MongoDB 6.0+). */
  NAMESPACE_AND_WALL_TIME,
  /**
   * Pre- and post-images: a collection created with {@code changeStreamPreAndPostImages: {enabled: true}} serves
   * {@code fullDocumentBeforeChange} and {@code fullDocument: whenAvailable|required} (MongoDB 6.0+).
   */
  PRE_AND_POST_IMAGES,
  /**
   * {@code $changeStreamSplitLargeEvent}: events over 16 MB can be read as fragments, and ModelChange asks for them
   * (MongoDB 7.0+; 6.0.9+ has the stage too, but its wire version does not tell it from 6.0.0, so ModelChange does
   * not use it there).
   */
  SPLIT_LARGE_EVENTS,
  /**
   * A resume token older than the oplog is refused as lost history ({@code ChangeStreamHistoryLost}, 286, or
   * {@code ChangeStreamFatalError}, 280), and resume tokens are hex strings whose first bytes are the cluster
   * time (MongoDB 4.2+). The in-JVM server never trims its oplog and answers a bad token with code -1.
   */
  HISTORY_LOST,
  /**
   * The primary can be stepped down while streams run: a replica set with at least two electable members, and a
   * user allowed to run {@code replSetStepDown}. The testcontainers backend is a single node and lacks it.
   */
  STEP_DOWN,
  /** Dropping a collection invalidates its stream ({@code drop}, then {@code invalidate}, cursor closed). */
  INVALIDATE_ON_DROP
}
