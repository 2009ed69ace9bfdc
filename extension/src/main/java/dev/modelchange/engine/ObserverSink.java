package dev.modelchange.engine;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamFailure;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The declarative observers of one stream, in CDI's order (priority, then discovery order). Each change reaches
 * exactly the observers whose operations and filter match it. An observer that throws anything but a JVM-fatal
 * error is reported (its repeats summarised) and the others still run.
 */
final class ObserverSink implements ChangeSink {
  private final List<Observer> observers;
  private final IncidentReporter reporter;

  /** One observer, its route resolved once, and its failure series. */
  private record Observer(ObserverDescriptor descriptor, ObserverInvoker.BoundObserver route,
      RepeatedFailures failures) {}

  ObserverSink(List<ObserverDescriptor> observers, ObserverInvoker invoker, IncidentReporter reporter,
      EngineClock clock) {
    // a stable sort: equal priorities keep discovery order
    this.observers = observers.stream().sorted(Comparator.comparingInt(ObserverDescriptor::priority))
        .map(o -> new Observer(o, invoker.bind(o), new RepeatedFailures(clock))).toList();
    this.reporter = reporter;
  }

  @Override
  public boolean deliver(ReceivedChange change, List<CompletionStage<?>> pending) {
    boolean allReturned = true;
    for (Observer observer : observers) {
      ObserverDescriptor o = observer.descriptor();
      if (!o.operations().contains(change.operationType())) {
        continue;
      }
      ChangeEvent<?> event = null;
      try {
        if (!o.filter().matches(change.filterDocument())) {
          continue;
        }
        change.markMatched();
        event = change.as(o.modelType());
        CompletionStage<?> stage = observer.route().notify(event);
        if (stage != null) {
          ChangeEvent<?> delivered = event;
          // completes as the observer did, so that a shutdown does not checkpoint past an unfinished one
          pending.add(stage.whenComplete((ok, t) -> {
            if (t != null) {
              fail(observer, change, delivered, t instanceof CompletionException && t.getCause() != null
                  ? t.getCause() : t);
            } else {
              succeeded(observer);
            }
          }));
        } else {
          succeeded(observer);
        }
      } catch (Throwable e) {
        if (StreamErrors.isFatal(e)) {
          throw e;
        }
        allReturned = false;
        fail(observer, change, event, e);
      }
    }
    return allReturned;
  }

  private void succeeded(Observer observer) {
    long failures = observer.failures().succeeded();
    if (failures > 0) {
      StreamMessages.receiverRecovered("Observer " + observer.descriptor().method(), failures);
    }
  }

  private void fail(Observer observer, ReceivedChange change, ChangeEvent<?> event, Throwable cause) {
    ObserverDescriptor o = observer.descriptor();
    change.receiverFailed();
    String who = "Observer " + o.method();
    switch (observer.failures().failed()) {
      case FIRST -> StreamMessages.receiverFailed(who, change, cause);
      case SUMMARY -> StreamMessages.failuresRepeated(who, observer.failures().unreported());
      default -> { }
    }
    try {
      reporter.failure(new ChangeStreamFailure(o.modelType(), change.namespace(), o.method(), event,
          change.documentKey(), change.resumeToken(), cause));
    } catch (Throwable e) {
      if (StreamErrors.isFatal(e)) {
        throw e;
      }
      StreamMessages.failureObserverFailed(e);
    }
  }

  @Override
  public boolean isEmpty() {
    return observers.isEmpty();
  }

  @Override
  public int receivers() {
    return observers.size();
  }
}
