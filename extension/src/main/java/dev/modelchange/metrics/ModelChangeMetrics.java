package dev.modelchange.metrics;

import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ModelChanges;
import dev.modelchange.StreamStatus;
import dev.modelchange.cdi.ModelChangeRuntime;
import dev.modelchange.engine.ChangeStreamEngine;
import dev.modelchange.engine.DeliveryObserver;
import dev.modelchange.spi.StreamKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * ModelChange's meters, per stream ({@code modelchange.*}, see the README's "Operating it"): a Micrometer
 * {@link MeterBinder}. The counters of events and the delivery timers are fed by the engine
 * ({@link DeliveryObserver}); the other meters read {@link ModelChanges#streams()} when scraped. Meters come and go
 * with the streams.
 *
 * <p>With CDI it is a bean, registered when Micrometer is on the class path; Quarkus binds it to its registry, and
 * elsewhere the application binds it: {@code @Inject ModelChangeMetrics metrics; metrics.bindTo(registry)}.
 * Without CDI: {@code ModelChangeMetrics.of(modelChanges).bindTo(registry)}. One registry per instance: bind it
 * to a {@code CompositeMeterRegistry} to publish to several.
 */
public final class ModelChangeMetrics implements MeterBinder, DeliveryObserver {
  private final StatusCache statuses;
  private final Consumer<DeliveryObserver> install;
  private final Set<StreamKey> streams = ConcurrentHashMap.newKeySet();
  private final Map<StreamKey, StreamMeters> meters = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  /** For the container: the meters of the application's engine. */
  @Inject
  public ModelChangeMetrics(ModelChangeRuntime runtime) {
    this(() -> runtime.started().map(ChangeStreamEngine::streams).orElse(List.of()), runtime::observeDeliveries);
  }

  ModelChangeMetrics(Supplier<List<StreamStatus>> streams, Consumer<DeliveryObserver> install) {
    this.statuses = new StatusCache(streams);
    this.install = install;
  }

  /**
   * The meters of an instance made by {@link ModelChanges#builder()}; bind them with {@link #bindTo}.
   *
   * @throws IllegalArgumentException for another {@code ModelChanges} (the injected one: bind the bean instead)
   */
  public static ModelChangeMetrics of(ModelChanges modelChanges) {
    if (!(modelChanges instanceof ChangeStreamEngine)) {
      throw MetricsMessages.notAnEngine(modelChanges);
    }
    ChangeStreamEngine engine = (ChangeStreamEngine) modelChanges;
    return new ModelChangeMetrics(engine::streams, engine::observeDeliveries);
  }

  @Override
  public void bindTo(MeterRegistry target) {
    MeterRegistry before;
    synchronized (this) {
      before = registry;
      if (before == target) {
        return;
      }
      registry = target;
      meters.values().forEach(StreamMeters::remove);
      meters.clear();
      streams.forEach(this::register);
    }
    if (before != null) {
      MetricsMessages.reboundElsewhere(before, target);
    }
    // the engine tells of the streams it runs, now (or when it starts), then of each new one
    install.accept(this);
    MetricsMessages.bound(target);
  }

  private void register(StreamKey key) {
    MeterRegistry r = registry;
    if (r != null) {
      meters.computeIfAbsent(key, k -> new StreamMeters(r, k, statuses));
    }
  }

  @Override
  public synchronized void streamAdded(StreamKey stream) {
    streams.add(stream);
    register(stream);
  }

  @Override
  public synchronized void streamRemoved(StreamKey stream) {
    streams.remove(stream);
    StreamMeters m = meters.remove(stream);
    if (m != null) {
      m.remove();
    }
  }

  @Override
  public void received(StreamKey stream, OperationType operation) {
    StreamMeters m = meters.get(stream);
    if (m != null) {
      m.events(operation).increment();
    }
  }

  @Override
  public void delivered(StreamKey stream, OperationType operation, Receivers receivers, long nanos) {
    StreamMeters m = meters.get(stream);
    if (m != null) {
      m.record(receivers, nanos);
    }
  }

  @Override
  public String toString() {
    return "ModelChangeMetrics" + meters.values();
  }
}
