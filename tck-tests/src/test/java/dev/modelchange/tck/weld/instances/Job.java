package dev.modelchange.tck.weld.instances;

/** A job to do once per application (a mail, say) and to show in each instance: collection {@code jobs}. */
public class Job {
  private int n;

  /** Its sequence number, in the order the test wrote it. */
  public int getN() {
    return n;
  }

  public void setN(int n) {
    this.n = n;
  }
}
