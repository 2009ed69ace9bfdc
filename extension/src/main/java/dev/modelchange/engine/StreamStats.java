package dev.modelchange.engine;

import dev.modelchange.StreamState;
import dev.modelchange.StreamStatus;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonTimestamp;

/**
 * What a stream has done so far, for {@link dev.modelchange.ModelChanges#streams()}: written by its watcher's
 * thread (receiver failures also by asynchronous receivers), read by anyone without blocking it.
 */
final class StreamStats {
  final AtomicLong cursorsOpened = new AtomicLong();
  final AtomicLong failedAttempts = new AtomicLong();
  final AtomicLong eventsDelivered = new AtomicLong();
  final AtomicLong eventsFilteredOut = new AtomicLong();
  final AtomicLong receiverFailures = new AtomicLong();
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  /** Seconds of the cluster time of the last event read; -1 before the first. */
  private volatile long lastClusterSeconds = -1;
  /** Whether the server has shown, with a post-batch token, that the stream caught up; and since the last event. */
  private volatile boolean serverShowsCatchUp;
  private volatile boolean caughtUp;

  void failed(Throwable e, Instant at) {
    lastError = e.toString();
    lastErrorAt = at;
  }

  /** An event was read, written at {@code clusterTime} (may be null). */
  void read(BsonTimestamp clusterTime) {
    if (clusterTime != null) {
      lastClusterSeconds = clusterTime.getTime();
    }
    caughtUp = false;
  }

  /** An empty batch moved the position on: the server says the stream has read all there is. */
  void caughtUp() {
    serverShowsCatchUp = true;
    caughtUp = true;
  }

  /** A snapshot of the stream, with what the watcher's other parts know. */
  StreamStatus status(StreamKey key, StreamSource source, StreamState state, boolean leaseHeld,
      StreamDelivery delivery, Checkpointer checkpointer, Instant now) {
    int receivers = delivery.sinks().stream().mapToInt(ChangeSink::receivers).sum();
    return new StreamStatus(key.value(), List.of(source.modelType().getName()), receivers, state,
        source.shape().delivery(), leaseHeld, eventsDelivered.get(), eventsFilteredOut.get(), receiverFailures.get(),
        failedAttempts.get(), lastError(), lastErrorAt(), lastClusterTime(), lag(now), checkpointer.lastSavedAt(),
        delivery.inFlight());
  }

  Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  Optional<Instant> lastErrorAt() {
    return Optional.ofNullable(lastErrorAt);
  }

  Optional<Instant> lastClusterTime() {
    long s = lastClusterSeconds;
    return s < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(s));
  }

  /**
   * Now minus the cluster time of the last event read, or zero when the server's post-batch token showed the
   * stream caught up since; unknown on a server that never sends post-batch tokens (the in-JVM one), where a quiet
   * stream would otherwise look ever further behind.
   */
  Optional<Duration> lag(Instant now) {
    if (!serverShowsCatchUp) {
      return Optional.empty();
    }
    if (caughtUp) {
      return Optional.of(Duration.ZERO);
    }
    return lastClusterTime().map(t -> {
      Duration behind = Duration.between(t, now);
      return behind.isNegative() ? Duration.ZERO : behind;
    });
  }
}
