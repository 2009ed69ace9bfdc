package dev.modelchange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change stream as it is now: an immutable snapshot, taken without blocking the stream's worker.
 *
 * @param key the stream's key in the resume-token store: {@code <group>/<db>.<collection>/<shape>}
 * @param models the model classes its receivers observe
 * @param receivers how many observers and listeners it serves
 * @param state where it is in its life
 * @param delivery which instances receive its changes
 * @param leaseHeld for a {@code Delivery.ONE_INSTANCE} stream, whether this instance holds its lease (it runs the
 *     stream) rather than standing by; false for an {@code EACH_INSTANCE} stream
 * @param eventsDelivered events handed to at least one receiver
 * @param eventsFilteredOut events that no receiver's operations or filter matched
 * @param receiverFailures receivers (or decodings for them) that failed on an event
 * @param reconnectAttempts failed attempts to open or read the stream since it started
 * @param lastError the last failure of the stream itself (not of a receiver), if any
 * @param lastErrorAt when that failure happened
 * @param lastClusterTime the server's cluster time of the last event read
 * @param lag how far behind the server the stream is: now minus {@code lastClusterTime}, zero when the server's
 *     post-batch token shows it has caught up; empty where the server tells neither (the in-JVM MongoDB)
 * @param lastCheckpointAt when the stream's position was last stored; empty before the first save or without a
 *     store
 * @param asyncInFlight asynchronous deliveries started and not yet ended
 * @param checkpointsSaved how many times the stream's position was stored
 * @param stateSince when the stream entered its {@code state} (how long it has been {@code RETRYING}, say)
 * @param positionFixed whether the stream's start position is fixed: read from the store or the server's clock,
 *     or, for a stream that keeps no position, its cursor opened once; changes written after it are not missed
 * @param workerAlive whether the stream's thread is alive, or has not begun to run yet (a container may hold it
 *     back until the application has started); false once the thread has ended, however it ended
 * @param deliveringSince when the event in hand began to be delivered (its synchronous receivers, then the wait
 *     for room for asynchronous ones); empty between events
 */
public record StreamStatus(String key, List<String> models, int receivers, StreamState state, Delivery delivery,
    boolean leaseHeld, long eventsDelivered,
    long eventsFilteredOut, long receiverFailures, long reconnectAttempts, Optional<String> lastError,
    Optional<Instant> lastErrorAt, Optional<Instant> lastClusterTime, Optional<Duration> lag,
    Optional<Instant> lastCheckpointAt, int asyncInFlight, long checkpointsSaved, Instant stateSince,
    boolean positionFixed, boolean workerAlive, Optional<Instant> deliveringSince) {

  /** Checks and copies the components. */
  public StreamStatus {
    Objects.requireNonNull(key, "key");
    models = List.copyOf(models);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastErrorAt, "lastErrorAt");
    Objects.requireNonNull(lastClusterTime, "lastClusterTime");
    Objects.requireNonNull(lag, "lag");
    Objects.requireNonNull(lastCheckpointAt, "lastCheckpointAt");
    Objects.requireNonNull(stateSince, "stateSince");
    Objects.requireNonNull(deliveringSince, "deliveringSince");
  }

  /** How long ago the position was last stored, measured at {@code now}. */
  public Optional<Duration> checkpointAge(Instant now) {
    return lastCheckpointAt.map(at -> Duration.between(at, now));
  }
}
