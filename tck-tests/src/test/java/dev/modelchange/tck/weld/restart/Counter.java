package dev.modelchange.tck.weld.restart;

/** Documents numbered in the order they are written: collection {@code counters}. */
public class Counter {
  private int n;
  private String run;

  public int getN() {
    return n;
  }

  public void setN(int n) {
    this.n = n;
  }

  /** Which test run wrote it (several runs may share one server). */
  public String getRun() {
    return run;
  }

  public void setRun(String run) {
    this.run = run;
  }
}
