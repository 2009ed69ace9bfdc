package dev.modelchange.tck.realmongo;

import dev.modelchange.CollectionName;

/** Documents numbered in the order they are written, across a step-down: collection {@code ticks}. */
@CollectionName("ticks")
public class Tick {
  private int id;

  public int getId() {
    return id;
  }

  public void setId(int id) {
    this.id = id;
  }
}
