package dev.modelchange.spi;

import java.util.Objects;

/**
 * Names one change stream in a {@link ResumeTokenStore}: the application's group ({@code modelchange.group}),
 * the database and collection, and the stream's shape (its full-document modes, server pipeline, or the id of a
 * durable listener), and for a stream of one instance ({@code Delivery.EACH_INSTANCE}) the instance's id. Stable
 * across restarts as long as these stay the same. {@link #value()} is the text form stores use as their key:
 * {@code <group>/<database>.<collection>/<shape>}, or {@code <group>@<instance>/<database>.<collection>/<shape>}
 * for one instance's stream.
 */
public final class StreamKey {
  private final String group;
  private final String database;
  private final String collection;
  private final String shape;
  private final String instance;
  private final String value;

  /** Creates the key of a stream the whole group shares; no part may be null. */
  public StreamKey(String group, String database, String collection, String shape) {
    this(group, null, database, collection, shape);
  }

  /**
   * Creates a key; no part but {@code instance} may be null.
   *
   * @param instance the instance id for a stream of one instance, or null for one the group shares
   */
  public StreamKey(String group, String instance, String database, String collection, String shape) {
    this.group = Objects.requireNonNull(group, "group");
    this.instance = instance;
    this.database = Objects.requireNonNull(database, "database");
    this.collection = Objects.requireNonNull(collection, "collection");
    this.shape = Objects.requireNonNull(shape, "shape");
    this.value = group + (instance == null ? "" : "@" + instance) + "/" + database + "." + collection + "/" + shape;
  }

  /** The instance whose stream this is, or empty for a stream the group shares. */
  public java.util.Optional<String> instance() {
    return java.util.Optional.ofNullable(instance);
  }

  /** The same stream, shared by the group (the key before instances had their own). */
  public StreamKey shared() {
    return instance == null ? this : new StreamKey(group, database, collection, shape);
  }

  /** The application's listener group. */
  public String group() {
    return group;
  }

  /** The database. */
  public String database() {
    return database;
  }

  /** The collection. */
  public String collection() {
    return collection;
  }

  /** The stream's shape, e.g. {@code default} or {@code updateLookup}. */
  public String shape() {
    return shape;
  }

  /** {@code <group>/<database>.<collection>/<shape>}, with {@code @<instance>} after the group for one instance. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamKey && ((StreamKey) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
