package dev.modelchange.tck.delivery;

/**
 * A model in another database: runners configure
 * {@code modelchange.model."dev.modelchange.tck.delivery.Ledger".database=modelchange_tck_other} and
 * {@code .collection=ledger_entries}.
 */
public class Ledger {
  private String entry;

  public String getEntry() {
    return entry;
  }

  public void setEntry(String entry) {
    this.entry = entry;
  }
}
