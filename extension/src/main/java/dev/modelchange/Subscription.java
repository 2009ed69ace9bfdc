package dev.modelchange;

/**
 * The handle of a programmatic listener. After {@link #unsubscribe()} returns, the listener is never called
 * again, even when another thread is delivering an event at that moment: {@code unsubscribe()} waits for that
 * call to return (unless the listener unsubscribes itself from inside the call).
 */
public interface Subscription extends AutoCloseable {

  /** Stops delivery to this listener. Idempotent. */
  void unsubscribe();

  /** Whether the listener still receives changes. */
  boolean isActive();

  /** Same as {@link #unsubscribe()}. */
  @Override
  default void close() {
    unsubscribe();
  }
}
