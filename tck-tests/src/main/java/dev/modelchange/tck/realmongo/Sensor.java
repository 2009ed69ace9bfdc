package dev.modelchange.tck.realmongo;

import dev.modelchange.CollectionName;

/** A model whose collection is dropped and comes back: collection {@code sensors}. */
@CollectionName("sensors")
public class Sensor {
  private String id;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }
}
