package dev.modelchange.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease held in a {@link LeaseStore}: who holds it, until when, and its epoch, which grows each time the lease
 * changes hands. Checkpoints written under a lease carry its epoch, so that an old holder (paused, cut off) can
 * never overwrite what a newer one stored.
 *
 * @param name what the lease is for, e.g. {@code one-instance:<stream key>}
 * @param holder who holds it: an engine's id
 * @param epoch grows by one at each change of holder; where it starts is the store's (1, or the time a lease was
 *     made)
 * @param expiresAt when it lapses unless renewed
 */
public record Lease(String name, String holder, long epoch, Instant expiresAt) {
  /** Checks the components. */
  public Lease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
