package dev.modelchange.metrics;

import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.StreamState;
import dev.modelchange.StreamStatus;
import dev.modelchange.engine.DeliveryObserver;
import dev.modelchange.spi.StreamKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one stream, tagged with its {@code database}, {@code collection} and {@code shape} (the shape
 * part of its key: full-document mode, pipeline hash, durable listener id; never a filter or a document id).
 * Counters of events and the delivery timers are fed by the engine's {@link DeliveryObserver} hook; the others
 * read the stream's status when scraped.
 */
final class StreamMeters {
  /** Operations whose counters exist from the start, so that a rate sees their first event. */
  private static final List<OperationType> COMMON = List.of(OperationType.INSERT, OperationType.UPDATE,
      OperationType.REPLACE, OperationType.DELETE);

  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter[] events = new Counter[OperationType.values().length];
  private final Timer[] deliveries = new Timer[DeliveryObserver.Receivers.values().length];

  StreamMeters(MeterRegistry registry, StreamKey key, StatusCache statuses) {
    this.registry = registry;
    this.tags = Tags.of("database", key.database(), "collection", key.collection(), "shape", key.shape());
    String k = key.value();
    COMMON.forEach(this::events);
    add(FunctionCounter.builder("modelchange.receiver.failures", statuses,
        c -> c.value(k, StreamStatus::receiverFailures))
        .description("Receivers (or the decoding for them) that failed on an event").tags(tags).register(registry));
    add(FunctionCounter.builder("modelchange.reconnects", statuses, c -> c.value(k, StreamStatus::reconnectAttempts))
        .description("Failed attempts to open or read the stream, each followed by a reconnection")
        .tags(tags).register(registry));
    add(FunctionCounter.builder("modelchange.checkpoints", statuses, c -> c.value(k, StreamStatus::checkpointsSaved))
        .description("Positions (resume tokens) stored").tags(tags).register(registry));
    add(gauge("modelchange.lag", statuses, k, s -> s.lag().map(l -> l.toMillis() / 1000.0).orElse(Double.NaN))
        .description("How far behind the server the stream is; NaN where the server does not tell")
        .baseUnit("seconds").register(registry));
    add(gauge("modelchange.checkpoint.age", statuses, k, s -> s.checkpointAge(Instant.now())
        .map(a -> a.toMillis() / 1000.0).orElse(Double.NaN))
        .description("Time since the stream's position was last stored; NaN before the first")
        .baseUnit("seconds").register(registry));
    add(gauge("modelchange.async.in.flight", statuses, k, StreamStatus::asyncInFlight)
        .description("Asynchronous deliveries started and not yet ended").register(registry));
    for (StreamState state : StreamState.values()) {
      add(gauge("modelchange.state", statuses, k, s -> s.state() == state ? 1 : 0).tag("state", state.name())
          .description("1 for the state the stream is in, 0 for the others").register(registry));
    }
  }

  private Gauge.Builder<StatusCache> gauge(String name, StatusCache statuses, String key,
      ToDoubleFunction<StreamStatus> value) {
    return Gauge.builder(name, statuses, c -> c.value(key, value)).tags(tags).strongReference(true);
  }

  private void add(Meter meter) {
    meters.add(meter);
  }

  /** The counter of {@code operation}'s events, made on first use. */
  Counter events(OperationType operation) {
    int i = operation.ordinal();
    Counter c = events[i];
    if (c == null) {
      c = Counter.builder("modelchange.events").description("Change events read from the stream")
          .tags(tags).tag("operation", operation.getValue()).register(registry);
      events[i] = c;
      synchronized (meters) {
        meters.add(c);
      }
    }
    return c;
  }

  /** The timer of one kind of receiver, made on first use. */
  Timer delivery(DeliveryObserver.Receivers receivers) {
    int i = receivers.ordinal();
    Timer t = deliveries[i];
    if (t == null) {
      String kind = receivers == DeliveryObserver.Receivers.OBSERVERS ? "observer" : "listener";
      t = Timer.builder("modelchange.delivery")
          .description("Time one kind of receiver took with one event (its synchronous part, filters included)")
          .tags(tags).tag("receiver", kind).register(registry);
      deliveries[i] = t;
      synchronized (meters) {
        meters.add(t);
      }
    }
    return t;
  }

  void record(DeliveryObserver.Receivers receivers, long nanos) {
    delivery(receivers).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Removes every meter of the stream from the registry. */
  void remove() {
    synchronized (meters) {
      meters.forEach(registry::remove);
      meters.clear();
    }
  }

  @Override
  public String toString() {
    return "StreamMeters" + tags;
  }
}
