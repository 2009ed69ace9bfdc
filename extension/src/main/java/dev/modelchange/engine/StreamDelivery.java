package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import dev.modelchange.ChangeStreamFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Hands one stream's events to its sinks, each event on its own: a failure while taking an event apart, matching
 * it or delivering it belongs to that event and its receivers. It is reported with the event's namespace,
 * document key and resume token (never its content), and the stream moves on. Also bounds the asynchronous
 * deliveries in flight: at the bound, the watcher's thread waits before reading on (back-pressure). Used by one
 * watcher's thread, but for the count of deliveries in flight.
 */
final class StreamDelivery {
  /** How one event went. */
  enum Outcome {
    /** Every receiver returned normally (asynchronous ones may still run). */
    DELIVERED,
    /** Some receiver, or the event itself, failed; reported. */
    FAILED
  }

  private final Object shape;
  private final MongoNamespace namespace;
  private final Class<?> modelType;
  private final CodecRegistry codecs;
  private final IncidentReporter reporter;
  private final int maxInFlight;
  private final Object monitor;
  private final RepeatedFailures eventFailures;
  private final StreamStats stats;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<CompletionStage<?>> pending = new ArrayList<>(4);
  private volatile List<ChangeSink> sinks;

  /**
   * @param monitor notified when an asynchronous delivery ends; the watcher waits on it at the bound, and a stop
   *     request notifies it too
   */
  StreamDelivery(Object shape, MongoNamespace namespace, Class<?> modelType, CodecRegistry codecs,
      IncidentReporter reporter, List<ChangeSink> sinks, int maxInFlight, Object monitor, EngineClock clock,
      StreamStats stats) {
    this.stats = stats;
    this.shape = shape;
    this.namespace = namespace;
    this.modelType = modelType;
    this.codecs = codecs;
    this.reporter = reporter;
    this.sinks = List.copyOf(sinks);
    this.maxInFlight = maxInFlight;
    this.monitor = monitor;
    this.eventFailures = new RepeatedFailures(clock);
  }

  /**
   * Delivers one event to every sink. The stages of its asynchronous receivers are in {@link #pending()} until
   * the next call.
   */
  Outcome deliver(RawChange doc) {
    pending.clear();
    ReceivedChange change = null;
    boolean allReturned = true;
    StreamStats.Observed observed = stats.observed();
    try {
      change = new ReceivedChange(doc, namespace, codecs, stats);
      if (observed != null) {
        observed.observer().received(observed.key(), change.operationType());
      }
      for (ChangeSink sink : sinks) {
        long start = observed == null ? 0 : System.nanoTime();
        allReturned &= sink.deliver(change, pending);
        if (observed != null) {
          long nanos = System.nanoTime() - start;
          observed.observer().delivered(observed.key(), change.operationType(), sink instanceof ObserverSink
              ? DeliveryObserver.Receivers.OBSERVERS : DeliveryObserver.Receivers.LISTENERS, nanos);
        }
      }
      (change.matched() ? stats.eventsDelivered : stats.eventsFilteredOut).incrementAndGet();
    } catch (Throwable e) {
      if (StreamErrors.isFatal(e)) {
        throw e;
      }
      stats.receiverFailures.incrementAndGet();
      eventFailed(doc, change, e);
      return Outcome.FAILED;
    }
    for (CompletionStage<?> stage : pending) {
      inFlight.incrementAndGet();
      stage.whenComplete((ok, t) -> {
        if (inFlight.getAndDecrement() == maxInFlight) {
          synchronized (monitor) {
            monitor.notifyAll();
          }
        }
      });
    }
    long failedBefore = eventFailures.succeeded();
    if (failedBefore > 0) {
      StreamMessages.receiverRecovered("The change stream of " + shape, failedBefore);
    }
    return allReturned ? Outcome.DELIVERED : Outcome.FAILED;
  }

  /** The stages of the last event's asynchronous receivers. */
  List<CompletionStage<?>> pending() {
    return pending;
  }

  /**
   * Waits while the asynchronous deliveries in flight are at the bound ({@code modelchange.async.max-in-flight}),
   * until one ends or {@code stopping} says the stream stops.
   */
  void awaitCapacity(BooleanSupplier stopping) throws InterruptedException {
    if (inFlight.get() < maxInFlight) {
      return;
    }
    StreamMessages.backPressure(shape, inFlight.get());
    synchronized (monitor) {
      while (inFlight.get() >= maxInFlight && !stopping.getAsBoolean()) {
        monitor.wait(100);
      }
    }
  }

  /** Asynchronous deliveries started and not yet ended. */
  int inFlight() {
    return inFlight.get();
  }

  void setSinks(List<ChangeSink> newSinks) {
    this.sinks = List.copyOf(newSinks);
  }

  List<ChangeSink> sinks() {
    return sinks;
  }

  private void eventFailed(RawChange doc, ReceivedChange change, Throwable e) {
    String event = change != null ? change.describe() : doc.describe(namespace);
    switch (eventFailures.failed()) {
      case FIRST -> StreamMessages.eventFailed(shape, event, e);
      case SUMMARY -> StreamMessages.failuresRepeated("The change stream of " + shape,
          eventFailures.unreported());
      default -> { }
    }
    try {
      reporter.failure(new ChangeStreamFailure(modelType, namespace, null, null,
          change != null ? change.documentKey() : doc.documentKey(), doc.resumeToken(), e));
    } catch (Throwable re) {
      if (StreamErrors.isFatal(re)) {
        throw re;
      }
      StreamMessages.failureObserverFailed(re);
    }
  }
}
