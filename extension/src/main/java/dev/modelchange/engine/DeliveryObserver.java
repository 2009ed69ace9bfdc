package dev.modelchange.engine;

import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.spi.StreamKey;

/**
 * What the engine tells about its streams and deliveries, for meters ({@code dev.modelchange.metrics}): install
 * one with {@link ChangeStreamEngine#observeDeliveries}. Internal: not an API, it may change in any release.
 *
 * <p>Every method runs on the engine's own threads, most on a stream's worker for each event: it must be quick,
 * must not block, and must not call the engine back. What it throws (but a JVM-fatal error) is a failure of the
 * event in hand, as a receiver's would be. Each method does nothing by default.
 */
public interface DeliveryObserver {
  /** Observes nothing: the engine's default, which costs one volatile read per event. */
  DeliveryObserver NONE = new DeliveryObserver() {};

  /** Who received an event. */
  enum Receivers {
    /** The stream's declarative {@code @Observes}/{@code @ObservesAsync} observers. */
    OBSERVERS,
    /** The stream's programmatic listeners. */
    LISTENERS
  }

  /**
   * The engine runs {@code stream}: it was created, or it was running when this observer was installed. Called
   * while the engine holds its lock.
   */
  default void streamAdded(StreamKey stream) {}

  /** The engine stopped {@code stream}: its last receiver left. */
  default void streamRemoved(StreamKey stream) {}

  /** The stream read one event, whatever becomes of it (delivered, filtered out, failed). */
  default void received(StreamKey stream, OperationType operation) {}

  /**
   * One kind of receiver of the stream handled one event in {@code nanos}: the synchronous part (an asynchronous
   * observer counts until it was handed over), including filters and decoding, even when no receiver matched.
   */
  default void delivered(StreamKey stream, OperationType operation, Receivers receivers, long nanos) {}
}
