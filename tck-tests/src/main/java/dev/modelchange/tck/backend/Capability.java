package dev.modelchange.tck.backend;

/**
 * What a MongoDB backend can do that some contract tests need. Real MongoDB replica sets have them all (by
 * version); the in-JVM server lacks several (see IN-JVM-MONGODB.md). A test that needs one declares it with
 * {@link RequiresCapability} and is skipped, naming the capability, on a backend without it.
 */
public enum Capability {
  /** Update events carry {@code documentKey: {_id}}. */
  DOCUMENT_KEY_ON_UPDATE,
  /** Update events carry an {@code updateDescription}, and no full document unless asked. */
  UPDATE_DESCRIPTION,
  /** Replacements arrive as {@code replace} events with the new document. */
  REPLACE_EVENTS,
  /** Every batch carries a post-batch resume token. */
  POST_BATCH_RESUME_TOKEN,
  /** An empty getMore waits for data ({@code maxAwaitTimeMS}). */
  AWAIT_DATA,
  /** Events carry {@code ns} and {@code wallTime} (6.0+). */
  NAMESPACE_AND_WALL_TIME,
  /** Pre- and post-images ({@code changeStreamPreAndPostImages}, 6.0+). */
  PRE_AND_POST_IMAGES,
  /** Dropping a collection invalidates its stream. */
  INVALIDATE_ON_DROP
}
