package dev.modelchange.tck.delivery;

/** A model without an id property, whose documents use every kind of {@code _id}. */
public class Tag {
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
