package dev.modelchange.engine;

import dev.modelchange.StreamState;

/**
 * What a {@code Delivery.ONE_INSTANCE} stream passes before it reads: its lease. Holding it, the stream runs from
 * the last holder's checkpoint; without it, the stream stands by and tries again a few times per lease duration.
 * The watcher's thread only.
 */
final class LeaseGate {
  private final StreamLease lease;
  private final StreamLifecycle life;
  private final StreamPosition position;
  private final Object shape;

  LeaseGate(StreamLease lease, StreamLifecycle life, StreamPosition position, Object shape) {
    this.lease = lease;
    this.life = life;
    this.position = position;
    this.shape = shape;
  }

  /**
   * Takes the lease if it is free; else stands by for a while. A lease taken means starting from the last
   * holder's checkpoint, so the position is read again.
   *
   * @return whether this engine holds the lease and may run the stream
   */
  boolean pass() {
    if (lease.isHeld()) {
      return true;
    }
    if (lease.tryAcquire()) {
      position.forget();
      StreamMessages.leaseTaken(shape, lease.current());
      return true;
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
