package dev.modelchange.tck.dispatch;

/** A model for dispatch scenarios: collection {@code orders}. */
public class Order {
  private String item;

  public String getItem() {
    return item;
  }

  public void setItem(String item) {
    this.item = item;
  }
}
