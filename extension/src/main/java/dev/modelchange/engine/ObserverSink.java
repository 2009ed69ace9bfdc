package dev.modelchange.engine;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamFailure;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The declarative observers of one stream, in CDI's order (priority, then discovery order). Each change reaches
 * exactly the observers whose operations and filter match it.
 */
final class ObserverSink implements ChangeSink {
  private static final Logger LOG = System.getLogger(ObserverSink.class.getName());

  private final List<ObserverDescriptor> observers;
  private final ObserverInvoker invoker;
  private final IncidentReporter reporter;

  ObserverSink(List<ObserverDescriptor> observers, ObserverInvoker invoker, IncidentReporter reporter) {
    // a stable sort: equal priorities keep discovery order
    this.observers = observers.stream().sorted(Comparator.comparingInt(ObserverDescriptor::priority)).toList();
    this.invoker = invoker;
    this.reporter = reporter;
  }

  @Override
  public void deliver(ReceivedChange change, List<CompletionStage<?>> pending) {
    for (ObserverDescriptor o : observers) {
      if (!o.operations().contains(change.operationType()) || !o.filter().matches(change.filterDocument())) {
        continue;
      }
      ChangeEvent<?> event = null;
      try {
        event = change.as(o.modelType());
        CompletionStage<?> stage = invoker.notify(o, event);
        if (stage != null) {
          ChangeEvent<?> delivered = event;
          pending.add(stage.exceptionally(t -> {
            fail(o, change, delivered, t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
            return null;
          }));
        }
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError) {
          throw e;
        }
        fail(o, change, event, e);
      }
    }
  }

  private void fail(ObserverDescriptor o, ReceivedChange change, ChangeEvent<?> event, Throwable cause) {
    LOG.log(Level.ERROR, "MODELCHANGE-060 Observer " + o.method() + " failed on "
        + (event == null ? "a change it could not decode" : event)
        + "; the stream goes on. Fix the observer, or observe ChangeStreamFailure to compensate.", cause);
    try {
      reporter.failure(new ChangeStreamFailure(o.modelType(), change.namespace(), o.method(), event, cause));
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "MODELCHANGE-061 An observer of ChangeStreamFailure failed", e);
    }
  }

  @Override
  public boolean isEmpty() {
    return observers.isEmpty();
  }

  List<ObserverDescriptor> observers() {
    return observers;
  }
}
