package dev.modelchange;

/**
 * Where a change stream is in its life. A stream is {@link #STARTING} until its cursor first opens, {@link #OPEN}
 * while it reads, {@link #RETRYING} between a failure and the next successful open, {@link #STANDBY} while another
 * instance holds its lease, and ends {@link #STOPPED} when
 * asked to stop or {@link #FAILED} when it cannot go on (a malformed pipeline, lost history under
 * {@code modelchange.on-history-lost=fail}).
 */
public enum StreamState {
  /** Fixing its position and opening its cursor for the first time. */
  STARTING,
  /** Its cursor is open; changes are delivered. */
  OPEN,
  /** Its cursor failed; it reopens with backoff from its last position. */
  RETRYING,
  /**
   * A {@code Delivery.ONE_INSTANCE} stream whose lease another instance of the group holds: it reads nothing and
   * takes over from the last checkpoint when that lease lapses or is released.
   */
  STANDBY,
  /** Asked to stop: it finishes the change in hand and stores its position. */
  STOPPING,
  /** Stopped on request. */
  STOPPED,
  /** Stopped by a failure that retrying cannot mend; the log and a ChangeStreamGap or failure event say why. */
  FAILED;

  /** Whether the stream has ended, or is ending, and reads no more changes. */
  public boolean isEnding() {
    return this == STOPPING || this == STOPPED || this == FAILED;
  }
}
