package dev.modelchange.tck.realmongo;

import dev.modelchange.CollectionName;

/** A model whose collection keeps no pre-images: collection {@code visitors}. */
@CollectionName("visitors")
public class Visitor {
  private String id;
  private String name;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
