package dev.modelchange.spi;

import java.util.Objects;

/**
 * Names one change stream in a {@link ResumeTokenStore}: the application's group ({@code modelchange.group}),
 * the database and collection, and the stream's shape (its full-document modes, server pipeline, or the id of a
 * durable listener). Stable across restarts as long as these stay the same. {@link #value()} is the text form
 * stores use as their key: {@code <group>/<database>.<collection>/<shape>}.
 */
public final class StreamKey {
  private final String group;
  private final String database;
  private final String collection;
  private final String shape;
  private final String value;

  /** Creates a key; no part may be null. */
  public StreamKey(String group, String database, String collection, String shape) {
    this.group = Objects.requireNonNull(group, "group");
    this.database = Objects.requireNonNull(database, "database");
    this.collection = Objects.requireNonNull(collection, "collection");
    this.shape = Objects.requireNonNull(shape, "shape");
    this.value = group + "/" + database + "." + collection + "/" + shape;
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

  /** {@code <group>/<database>.<collection>/<shape>}. */
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
