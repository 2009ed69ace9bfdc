package dev.modelchange;

/**
 * Which instances of an application (the running processes of one {@code modelchange.group}) receive a change.
 */
public enum Delivery {
  /**
   * Every running instance receives every change: for effects local to the instance, such as its caches and the
   * GraphQL subscriptions and SSE clients connected to it. Each instance keeps its own position, keyed by
   * {@code modelchange.instance-id}. The default.
   */
  EACH_INSTANCE,
  /**
   * Exactly one instance of the group handles each change: for effects that must happen once per application, such
   * as a mail, a call to another system or a write. The instances share one position behind a lease in the
   * resume-token store; one holds it and runs the stream, the others stand by and take over from its last
   * checkpoint. Needs a store that can hold a lease (the {@code mongodb} and {@code jdbc} stores can).
   */
  ONE_INSTANCE
}
