package dev.modelchange.engine;

import dev.modelchange.StreamState;
import dev.modelchange.spi.Lease;
import java.time.Duration;

/**
 * What a {@code Delivery.ONE_INSTANCE} stream passes before it reads: its lease. Holding it, the stream runs from
 * the last holder's checkpoint; without it, the stream stands by and tries again a few times per lease duration.
 * The watcher's thread only.
 *
 * <p>A lease taken back in the epoch this engine held it (it lapsed by this engine's clock, after a pause or while
 * the store was out of reach, and nobody took it meanwhile) means nobody else delivered anything since: the stream
 * goes on from its own position, which is ahead of its last checkpoint, instead of delivering that stretch again.
 * The epoch tells it only while the lease's row cannot have been removed and made anew (the JDBC store deletes
 * lease rows expired longer than {@code modelchange.instance.expire-after}, and a new row starts again at epoch 1):
 * after longer than that, the stream starts from the stored checkpoint as for any other take-over.
 */
final class LeaseGate {
  private final StreamLease lease;
  private final StreamLifecycle life;
  private final StreamPosition position;
  private final Object shape;
  private final EngineClock clock;
  private final long epochTrustedForNanos;
  /** The epoch of the lease this engine last held; -1 before it first held it. */
  private long heldEpoch = -1;
  /** When this engine last saw itself holding the lease. */
  private long lastHeldNanos;

  /**
   * @param epochTrustedFor how long after this engine last held the lease an equal epoch still proves that nobody
   *     held it since ({@code modelchange.instance.expire-after})
   */
  LeaseGate(StreamLease lease, StreamLifecycle life, StreamPosition position, Object shape, EngineClock clock,
      Duration epochTrustedFor) {
    this.lease = lease;
    this.life = life;
    this.position = position;
    this.shape = shape;
    this.clock = clock;
    this.epochTrustedForNanos = epochTrustedFor.toNanos();
  }

  /**
   * Takes the lease if it is free; else stands by for a while. A lease taken means starting from the last
   * holder's checkpoint, so the position is read again; unless it is this engine's own lease taken back in the
   * same epoch (see above).
   *
   * @return whether this engine holds the lease and may run the stream
   */
  boolean pass() {
    if (lease.isHeld()) {
      lastHeldNanos = clock.nanoTime();
      return true;
    }
    if (lease.tryAcquire()) {
      Lease taken = lease.current();
      long epoch = taken == null ? -2 : taken.epoch();
      if (epoch == heldEpoch && position.isFixed()
          && clock.nanoTime() - lastHeldNanos < epochTrustedForNanos) {
        StreamMessages.leaseTakenBack(shape, taken);
      } else {
        position.forget();
        StreamMessages.leaseTaken(shape, taken);
      }
      heldEpoch = epoch;
      lastHeldNanos = clock.nanoTime();
      return true;
    }
    if (life.isEnding()) {
      return false; // stopping (an interrupted acquisition fails too): no stand-by to report
    }
    if (life.state() != StreamState.STANDBY) {
      life.moveTo(StreamState.STANDBY);
      StreamMessages.standingBy(shape, lease.holderNow());
    }
    life.sleep(Math.min(1000, Math.max(10, lease.duration().toMillis() / 3)));
    return false;
  }

  /** Whether the stream may read on; false (and logged) once the lease is lost. */
  boolean stillHeld() {
    if (lease.isHeld()) {
      lastHeldNanos = clock.nanoTime();
      return true;
    }
    StreamMessages.leaseLost(shape, lease.name());
    return false;
  }

  boolean isHeld() {
    return lease.isHeld();
  }

  /** After the last checkpoint: the next holder starts from it, at once. */
  void release() {
    lease.release();
  }
}
