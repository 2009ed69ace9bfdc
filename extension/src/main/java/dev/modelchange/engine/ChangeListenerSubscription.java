package dev.modelchange.engine;

import dev.modelchange.filter.DocumentFilter;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ListenOptions;
import dev.modelchange.Subscription;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One programmatic listener and its handle. Delivery and {@link #unsubscribe()} meet on this object's monitor,
 * so that once {@code unsubscribe()} returns no call is running or will start.
 *
 * @param <T> the model class
 */
final class ChangeListenerSubscription<T> implements Subscription {
  private final long sequence;
  private final Class<T> modelType;
  private final ListenOptions<T> options;
  private final DocumentFilter filter;
  private final Set<OperationType> operations;
  private final Consumer<ChangeListenerSubscription<?>> onUnsubscribe;
  private final RepeatedFailures failures;
  private volatile boolean active = true;

  ChangeListenerSubscription(long sequence, Class<T> modelType, ListenOptions<T> options, DocumentFilter filter,
      Consumer<ChangeListenerSubscription<?>> onUnsubscribe, EngineClock clock) {
    this.failures = new RepeatedFailures(clock);
    this.sequence = sequence;
    this.modelType = modelType;
    this.options = options;
    this.filter = filter;
    this.operations = options.operationTypes();
    this.onUnsubscribe = onUnsubscribe;
  }

  long sequence() {
    return sequence;
  }

  DocumentFilter filter() {
    return filter;
  }

  /**
   * Delivers a change if the listener wants it.
   *
   * @param filterChecked whether the filter is known to match (found by equality lookup)
   * @return false if the listener (or the decoding for it) failed
   */
  boolean deliver(ReceivedChange change, boolean filterChecked) {
    if (!active || !operations.contains(change.operationType())) {
      return true;
    }
    synchronized (this) {
      if (!active) {
        return true;
      }
      try {
        if (!filterChecked && !filter.matches(change.filterDocument())) {
          return true;
        }
        change.markMatched();
        ChangeEvent<T> event = change.as(modelType);
        options.onChange().onChange(event.id(), event);
      } catch (Throwable e) {
        if (StreamErrors.isFatal(e)) {
          throw e;
        }
        change.receiverFailed();
        error(e);
        return false;
      }
    }
    long failed = failures.succeeded();
    if (failed > 0 && options.onError().isEmpty()) {
      StreamMessages.receiverRecovered("A listener of " + modelType.getName(), failed);
    }
    return true;
  }

  /** Hands a failure to the listener's {@code onError}, or, without one, to the log (repeats summarised). */
  void error(Throwable failure) {
    if (!active) {
      return;
    }
    Consumer<Throwable> onError = options.onError().orElse(null);
    if (onError == null) {
      switch (failures.failed()) {
        case FIRST -> StreamMessages.listenerFailedWithoutOnError(modelType.getName(), failure);
        case SUMMARY -> StreamMessages.failuresRepeated("A listener of " + modelType.getName(),
            failures.unreported());
        default -> { }
      }
      return;
    }
    try {
      onError.accept(failure);
    } catch (Throwable e) {
      if (StreamErrors.isFatal(e)) {
        throw e;
      }
      StreamMessages.onErrorFailed(modelType.getName(), e);
    }
  }

  void gap(ChangeStreamGap gap) {
    error(gap.toException());
  }

  @Override
  public void unsubscribe() {
    if (!active) {
      return;
    }
    active = false;
    synchronized (this) {
      // waits for a delivery in progress on another thread; reentrant when the listener unsubscribes itself
    }
    onUnsubscribe.accept(this);
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public String toString() {
    return "Subscription{" + modelType.getSimpleName() + (filter.isEmpty() ? "" : " " + filter)
        + (active ? "" : ", unsubscribed") + "}";
  }
}
