package dev.modelchange.tck.weld.restart;

/** Documents numbered in the order they are written: collection {@code counters}. */
public class Counter {
  private int n;

  public int getN() {
    return n;
  }

  public void setN(int n) {
    this.n = n;
  }
}
