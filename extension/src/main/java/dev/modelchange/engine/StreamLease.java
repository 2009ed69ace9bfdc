package dev.modelchange.engine;

import dev.modelchange.spi.Lease;
import dev.modelchange.spi.LeaseStore;
import java.time.Duration;
import java.time.Instant;

/**
 * A lease in the resume-token store, as one engine holds it: the lease of a {@code Delivery.ONE_INSTANCE} stream,
 * or the claim on this engine's instance id. Held only while renewed: when renewals fail (the store is down, the
 * process was paused) it counts as lost at its expiry, before another holder can take it, and a newer holder's
 * epoch fences out any checkpoint written after that. Renewed by the engine's {@link LeaseRenewals}.
 */
final class StreamLease {
  private final LeaseStore leases;
  private final String name;
  private final String holder;
  private final Duration duration;
  private volatile Lease held;
  /** Whether another holder has it: an acquisition that found it held, or a renewal refused. */
  private volatile boolean heldByAnother;

  StreamLease(LeaseStore leases, String name, String holder, Duration duration) {
    this.leases = leases;
    this.name = name;
    this.holder = holder;
    this.duration = duration;
  }

  /** Takes the lease if it is free (or ours); true if held now. A store that fails counts as "not now". */
  boolean tryAcquire() {
    try {
      acquire();
    } catch (RuntimeException e) {
      held = null;
    }
    return held != null;
  }

  /**
   * Takes the lease if it is free (or ours).
   *
   * @return true if held now; false if another holds it
   * @throws RuntimeException when the store cannot tell
   */
  boolean acquire() {
    held = leases.acquire(name, holder, duration).orElse(null);
    heldByAnother = held == null;
    return held != null;
  }

  /** Whether another holder is known to have the lease (then act as if without it). */
  boolean isHeldByAnother() {
    return heldByAnother;
  }

  /** Whether this engine holds the lease now, by its own clock. */
  boolean isHeld() {
    Lease l = held;
    return l != null && l.expiresAt().isAfter(Instant.now());
  }

  /**
   * Extends the lease, if held.
   *
   * @return false when it was lost to another holder
   */
  boolean renew() {
    Lease l = held;
    if (l == null) {
      return true;
    }
    try {
      Instant until = Instant.now().plus(duration);
      if (leases.renew(l, duration)) {
        held = new Lease(l.name(), l.holder(), l.epoch(), until);
        return true;
      }
      held = null;
      heldByAnother = true;
      return false;
    } catch (RuntimeException e) {
      return true; // the store is down: the lease stays ours until it expires by our clock, then it is lost
    }
  }

  /** Gives the lease up, so that another instance takes over at once. */
  void release() {
    Lease l = held;
    held = null;
    if (l != null) {
      try {
        leases.release(l);
      } catch (RuntimeException e) {
        // it lapses at its expiry instead
      }
    }
  }

  /** The lease held, or null. */
  Lease current() {
    Lease l = held;
    return l != null && l.expiresAt().isAfter(Instant.now()) ? l : null;
  }

  /** Who holds the lease, in words, for a log line. */
  String holderNow() {
    try {
      return leases.holder(name).map(l -> l.holder() + " (epoch " + l.epoch() + ", until " + l.expiresAt() + ")")
          .orElse("nobody");
    } catch (RuntimeException e) {
      return "unknown (" + e + ")";
    }
  }

  LeaseStore leases() {
    return leases;
  }

  String holder() {
    return holder;
  }

  String name() {
    return name;
  }

  Duration duration() {
    return duration;
  }
}
