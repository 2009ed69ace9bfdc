package dev.modelchange;

/**
 * Where a change stream is in its life. A stream is {@link #STARTING} until its cursor first opens, {@link #OPEN}
 * while it reads, {@link #RETRYING} between a failure and the next successful open, and ends {@link #STOPPED} when
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
