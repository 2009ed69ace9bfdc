package dev.modelchange.metrics;

import dev.modelchange.StreamStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The streams' status, as the gauges and function counters read it: one snapshot ({@code ModelChanges.streams()})
 * serves every meter of a scrape, taken again when older than {@link #MAX_AGE_NANOS}. Thread-safe.
 */
final class StatusCache {
  static final long MAX_AGE_NANOS = 200_000_000L;

  private final Supplier<List<StreamStatus>> streams;
  private Map<String, StreamStatus> byKey = Map.of();
  private long takenAt;
  private boolean taken;

  StatusCache(Supplier<List<StreamStatus>> streams) {
    this.streams = streams;
  }

  /** {@code value} of the stream's status; NaN when the engine runs no such stream. */
  double value(String key, ToDoubleFunction<StreamStatus> value) {
    StreamStatus status = snapshot().get(key);
    return status == null ? Double.NaN : value.applyAsDouble(status);
  }

  private synchronized Map<String, StreamStatus> snapshot() {
    long now = System.nanoTime();
    if (!taken || now - takenAt > MAX_AGE_NANOS) {
      Map<String, StreamStatus> fresh = new HashMap<>();
      for (StreamStatus s : streams.get()) {
        fresh.put(s.key(), s);
      }
      byKey = fresh;
      takenAt = now;
      taken = true;
    }
    return byKey;
  }
}
