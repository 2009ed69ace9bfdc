package dev.modelchange;

/**
 * Receives the changes of a model, as {@link ModelChanges#listenForChanges(Class, ChangeListener)} registers it.
 *
 * @param <T> the model class
 */
@FunctionalInterface
public interface ChangeListener<T> {
  /**
   * Called on the collection's worker thread, in the order the server reports changes.
   *
   * @param id the changed document's {@code _id} as text ({@link ChangeEvent#id()}); {@code null} for events
   *     that concern no single document (drop, rename, invalidate)
   * @param change the change
   */
  void onChange(String id, ChangeEvent<T> change);
}
