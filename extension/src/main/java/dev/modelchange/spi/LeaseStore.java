package dev.modelchange.spi;

import java.time.Duration;
import java.util.Optional;
import org.bson.BsonDocument;

/**
 * Leases and fenced checkpoints, kept beside the positions of a {@link ResumeTokenStore}: what lets several
 * instances of one application share a {@code Delivery.ONE_INSTANCE} stream, and tells two engines that claim one
 * instance id apart. Times are the caller's clock; a lease duration far above the clock skew between instances
 * (seconds, against milliseconds) keeps that safe. Thread-safe.
 */
public interface LeaseStore {

  /**
   * Takes the lease named {@code name} for {@code holder}, or renews it if {@code holder} has it already, unless
   * another holder's lease on it has not yet expired.
   *
   * @return the lease now held (its epoch one more than before when it changed hands), or empty when another
   *     holds it
   */
  Optional<Lease> acquire(String name, String holder, Duration duration);

  /**
   * Extends a lease held.
   *
   * @return false when it was lost: it expired and another holder took it (then stop acting under it)
   */
  boolean renew(Lease lease, Duration duration);

  /** Gives a lease up at once, so that another may take it without waiting for it to expire. */
  void release(Lease lease);

  /** Who holds the lease named {@code name} now, if anyone holds it unexpired. */
  Optional<Lease> holder(String name);

  /**
   * Stores a position under a lease: unless a holder with a later epoch has stored one for {@code key} since.
   *
   * @return false when fenced out (a newer holder has written): the position is not stored
   */
  boolean saveFenced(StreamKey key, BsonDocument resumeToken, Lease lease);
}
