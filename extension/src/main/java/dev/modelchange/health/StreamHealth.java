package dev.modelchange.health;

import dev.modelchange.Delivery;
import dev.modelchange.StreamState;
import dev.modelchange.StreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The health decision, as a pure function of the streams' status and the time: each check is UP unless some
 * stream gives it a problem, and its data says, per stream, how the stream is (and why it is a problem, under
 * {@code <stream key>.problem}). The rules:
 *
 * <ul>
 *   <li><b>Readiness</b>: a stream is ready when it is {@code OPEN}, stands by for its lease, or has been
 *       {@code RETRYING} no longer than {@code modelchange.health.retrying-grace}. {@code FAILED}, {@code STARTING},
 *       {@code STOPPING}, {@code STOPPED} and retrying longer are not ready.</li>
 *   <li><b>Liveness</b>: a stream is alive unless its worker thread has ended while the stream was neither
 *       {@code STOPPED} nor {@code FAILED} (it died), or it has been delivering one event longer than
 *       {@code modelchange.health.stuck-after} (stuck).</li>
 *   <li><b>Startup</b>: a stream has started once its position is fixed (or it stands by for its lease).</li>
 * </ul>
 * With no stream, every check is UP.
 */
final class StreamHealth {
  /** Which check. */
  enum Probe {
    READINESS,
    LIVENESS,
    STARTUP
  }

  /**
   * A check's answer.
   *
   * @param up UP or DOWN
   * @param data what the check tells, in order: String, Long or Boolean values
   */
  record Verdict(boolean up, Map<String, Object> data) {
    Verdict {
      data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
  }

  private StreamHealth() {}

  /** The answer of {@code probe} for {@code streams} at {@code now}. */
  static Verdict decide(Probe probe, List<StreamStatus> streams, Instant now, Duration retryingGrace,
      Duration stuckAfter) {
    return switch (probe) {
      case READINESS -> readiness(streams, now, retryingGrace);
      case LIVENESS -> liveness(streams, now, stuckAfter);
      case STARTUP -> startup(streams);
    };
  }

  static Verdict readiness(List<StreamStatus> streams, Instant now, Duration retryingGrace) {
    Map<String, Object> data = new LinkedHashMap<>();
    boolean up = true;
    for (StreamStatus s : streams) {
      String key = s.key();
      String problem = null;
      String how = s.state().name();
      if (standingBy(s)) {
        how = "standing by for its lease";
      } else if (s.state() == StreamState.RETRYING) {
        Duration retrying = since(s.stateSince(), now);
        how = "RETRYING for " + words(retrying) + " (grace " + words(retryingGrace) + ")";
        if (retrying.compareTo(retryingGrace) > 0) {
          problem = HealthMessages.retryingTooLong(key, retrying, retryingGrace, s.lastError().orElse("none"));
        }
      } else if (s.state() == StreamState.FAILED) {
        problem = HealthMessages.failed(key, s.lastError().orElse("none"));
      } else if (s.state() != StreamState.OPEN) {
        problem = HealthMessages.notOpen(key, s.state(), s.stateSince());
      }
      data.put(key, how);
      if (problem != null) {
        data.put(key + ".problem", problem);
        up = false;
      }
      details(s, now, data);
    }
    return new Verdict(up, data);
  }

  /** What readiness tells of each stream besides its state. */
  private static void details(StreamStatus s, Instant now, Map<String, Object> data) {
    String key = s.key();
    if (s.delivery() == Delivery.ONE_INSTANCE) {
      data.put(key + ".lease", s.leaseHeld() ? "held by this instance" : "not held by this instance");
    }
    s.lag().ifPresent(lag -> data.put(key + ".lag-ms", lag.toMillis()));
    s.lastCheckpointAt().ifPresent(at -> data.put(key + ".last-checkpoint", at + " (" + words(since(at, now))
        + " ago)"));
    data.put(key + ".events-delivered", s.eventsDelivered());
    data.put(key + ".receiver-failures", s.receiverFailures());
    data.put(key + ".reconnects", s.reconnectAttempts());
    data.put(key + ".async-in-flight", (long) s.asyncInFlight());
    s.lastError().ifPresent(e -> data.put(key + ".last-error", e));
    s.lastErrorAt().ifPresent(at -> data.put(key + ".last-error-at", at.toString()));
  }

  static Verdict liveness(List<StreamStatus> streams, Instant now, Duration stuckAfter) {
    Map<String, Object> data = new LinkedHashMap<>();
    boolean up = true;
    for (StreamStatus s : streams) {
      String key = s.key();
      String problem = null;
      String how = "alive";
      Optional<Duration> delivering = s.deliveringSince().map(at -> since(at, now));
      if (!s.workerAlive() && s.state() != StreamState.STOPPED && s.state() != StreamState.FAILED) {
        how = "worker ended while " + s.state();
        problem = HealthMessages.workerDied(key, s.state());
      } else if (delivering.isPresent()) {
        how = "delivering one event for " + words(delivering.get()) + " (stuck after " + words(stuckAfter) + ")";
        if (delivering.get().compareTo(stuckAfter) > 0) {
          problem = HealthMessages.stuck(key, delivering.get(), stuckAfter);
        }
      } else if (!s.workerAlive()) {
        how = "ended (" + s.state() + ")";
      }
      data.put(key, how);
      if (problem != null) {
        data.put(key + ".problem", problem);
        up = false;
      }
    }
    return new Verdict(up, data);
  }

  static Verdict startup(List<StreamStatus> streams) {
    Map<String, Object> data = new LinkedHashMap<>();
    boolean up = true;
    for (StreamStatus s : streams) {
      String key = s.key();
      if (standingBy(s)) {
        data.put(key, "standing by for its lease");
      } else if (s.positionFixed()) {
        data.put(key, "position fixed");
      } else {
        data.put(key, "fixing its position");
        data.put(key + ".problem", HealthMessages.positionNotFixed(key, s.state()));
        up = false;
      }
    }
    return new Verdict(up, data);
  }

  /** Before the engine has started: not ready and not started, but alive. */
  static Verdict notStarted(Probe probe) {
    return new Verdict(probe == Probe.LIVENESS, Map.of("problem", HealthMessages.notStarted()));
  }

  /** {@code modelchange.health.enabled=false}: UP, whatever the streams. */
  static Verdict disabled() {
    return new Verdict(true, Map.of("disabled", HealthMessages.disabled()));
  }

  /**
   * A {@code Delivery.ONE_INSTANCE} stream that stands by while another instance of its group holds the lease: it
   * is ready and started as it is, though it is not OPEN and has not fixed its position.
   */
  static boolean standingBy(StreamStatus s) {
    return s.delivery() == Delivery.ONE_INSTANCE && !s.leaseHeld() && s.state() == StreamState.STANDBY;
  }

  private static Duration since(Instant at, Instant now) {
    Duration d = Duration.between(at, now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** A duration as people read it: {@code 250ms}, {@code 42s}, {@code 3m 5s}, {@code 2h 0m}. */
  static String words(Duration d) {
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }
}
