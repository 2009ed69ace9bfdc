package dev.modelchange.engine;

import dev.modelchange.ChangeEvent;
import java.util.concurrent.CompletionStage;

/**
 * Notifies one observer of one event: the CDI layer fires it to the observer's route. Synchronous observers run
 * before {@link #notify} returns and their exceptions propagate; asynchronous ones return the stage that
 * completes when they have run.
 */
@FunctionalInterface
public interface ObserverInvoker {
  /**
   * Notifies the observer.
   *
   * @return null for a synchronous observer, else the stage of its asynchronous notification
   */
  CompletionStage<?> notify(ObserverDescriptor observer, ChangeEvent<?> event);

  /**
   * The observer's route, resolved once when its stream is created, so that each event is fired without looking
   * the route up again. By default, {@link #notify} with the observer.
   */
  default BoundObserver bind(ObserverDescriptor observer) {
    return event -> notify(observer, event);
  }

  /** One observer's route, resolved: notifies it of an event as {@link #notify} does. */
  @FunctionalInterface
  interface BoundObserver {
    /** @return null for a synchronous observer, else the stage of its asynchronous notification */
    CompletionStage<?> notify(ChangeEvent<?> event);
  }
}
