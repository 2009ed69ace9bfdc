package dev.modelchange.engine;

import dev.modelchange.filter.DocumentFilter;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ListenOptions;
import dev.modelchange.Subscription;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One programmatic listener and its handle. Delivery and {@link #unsubscribe()} meet on this object's monitor,
 * so that once {@code unsubscribe()} returns no call is running or will start.
 *
 * @param <T> the model class
 */
final class ChangeListenerSubscription<T> implements Subscription {
  private static final Logger LOG = System.getLogger(ChangeListenerSubscription.class.getName());

  private final long sequence;
  private final Class<T> modelType;
  private final ListenOptions<T> options;
  private final DocumentFilter filter;
  private final Set<OperationType> operations;
  private final Consumer<ChangeListenerSubscription<?>> onUnsubscribe;
  private volatile boolean active = true;

  ChangeListenerSubscription(long sequence, Class<T> modelType, ListenOptions<T> options, DocumentFilter filter,
      Consumer<ChangeListenerSubscription<?>> onUnsubscribe) {
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
   */
  void deliver(ReceivedChange change, boolean filterChecked) {
    if (!active || !operations.contains(change.operationType())
        || (!filterChecked && !filter.matches(change.filterDocument()))) {
      return;
    }
    synchronized (this) {
      if (!active) {
        return;
      }
      ChangeEvent<T> event;
      try {
        event = change.as(modelType);
      } catch (RuntimeException e) {
        error(e);
        return;
      }
      try {
        options.onChange().onChange(event.id(), event);
      } catch (RuntimeException e) {
        error(e);
      }
    }
  }

  void error(Throwable failure) {
    if (!active) {
      return;
    }
    Consumer<Throwable> onError = options.onError().orElse(null);
    if (onError == null) {
      LOG.log(Level.ERROR, "MODELCHANGE-063 A listener of " + modelType.getName() + " failed or its stream did; "
          + "it stays subscribed. Give ListenOptions.onError to handle this yourself.", failure);
      return;
    }
    try {
      onError.accept(failure);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "MODELCHANGE-064 The onError of a listener of " + modelType.getName() + " failed", e);
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
