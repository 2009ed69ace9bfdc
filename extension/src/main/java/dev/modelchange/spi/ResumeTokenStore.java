package dev.modelchange.spi;

import java.util.Optional;
import org.bson.BsonDocument;

/**
 * Keeps the position (resume token) of each change stream, so that a restarted application resumes where it
 * stopped. A CDI bean of this type replaces the built-in stores chosen by {@code modelchange.resume-token.store}.
 *
 * <p>Implementations are called from the streams' worker threads, concurrently for different keys, and must
 * be thread-safe. A failing call throws; ModelChange logs it and retries (a failed save is retried at the next
 * checkpoint; a failed load delays the stream's start, with backoff).
 */
public interface ResumeTokenStore extends AutoCloseable {

  /**
   * The stored token of a stream.
   *
   * @return empty when none was stored
   * @throws org.bson.json.JsonParseException when the stored value cannot be read (ModelChange then treats
   *     the position as lost and fires a {@code ChangeStreamGap})
   */
  Optional<BsonDocument> load(StreamKey key);

  /** Stores the token of a stream, replacing the previous one. */
  void save(StreamKey key, BsonDocument resumeToken);

  /**
   * The leases this store can hold, for {@code Delivery.ONE_INSTANCE} streams and to detect two engines claiming
   * one instance id. The default: none, so a store of one's own keeps working for {@code EACH_INSTANCE} streams,
   * and a {@code ONE_INSTANCE} observer with it is a deployment error.
   */
  default Optional<LeaseStore> leases() {
    return Optional.empty();
  }

  /**
   * Removes the positions of instances not seen since {@code before} (their rows carry the instance id), so that
   * the positions of pods long gone do not pile up. The default does nothing; the MongoDB store leaves this to a
   * TTL index.
   */
  default void removeInstancesNotSeenSince(java.time.Instant before) {}

  /** Releases what the store holds; the default does nothing. */
  @Override
  default void close() {}
}
