package dev.modelchange.tck.realmongo;

import dev.modelchange.CollectionName;

/** A model for lost history: collection {@code readings}. */
@CollectionName("readings")
public class Reading {
  private String id;
  private int value;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public int getValue() {
    return value;
  }

  public void setValue(int value) {
    this.value = value;
  }
}
