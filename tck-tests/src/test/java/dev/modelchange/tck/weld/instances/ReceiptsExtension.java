package dev.modelchange.tck.weld.instances;

import jakarta.enterprise.inject.spi.Extension;

/**
 * Hands a container its {@link Receipts}: an extension instance is a bean of its container, so two containers in
 * one JVM each inject their own. Not final, with a no-argument constructor: the container proxies it.
 */
public class ReceiptsExtension implements Extension {
  private final Receipts receipts;

  /** For the container's proxy only. */
  protected ReceiptsExtension() {
    this(null);
  }

  ReceiptsExtension(Receipts receipts) {
    this.receipts = receipts;
  }

  Receipts receipts() {
    return receipts;
  }
}
