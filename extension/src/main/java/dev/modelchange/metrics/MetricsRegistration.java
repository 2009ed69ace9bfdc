package dev.modelchange.metrics;

import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;

/**
 * Registers {@link ModelChangeMetrics} as a bean, only when Micrometer is on the class path of the library:
 * nothing is forced on applications without it, and no class of this package that needs Micrometer is loaded
 * then. Called by the portable extension (Weld, Open Liberty) and the build-compatible one (Quarkus).
 */
public final class MetricsRegistration {
  /** The Micrometer type the bean is. */
  static final String API = "io.micrometer.core.instrument.binder.MeterBinder";
  /** The bean's class, loaded only once Micrometer is known to be there. */
  static final String BINDER = MetricsRegistration.class.getPackageName() + ".ModelChangeMetrics";

  private MetricsRegistration() {}

  /** Whether Micrometer can be loaded with the library's class loader. */
  static boolean apiPresent() {
    try {
      Class.forName(API, false, MetricsRegistration.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** For the portable extension: adds the binder as a bean, if Micrometer is there. */
  public static void register(BeforeBeanDiscovery discovery, BeanManager beans) {
    if (!apiPresent()) {
      MetricsMessages.absent("portable extension");
      return;
    }
    try {
      discovery.addAnnotatedType(beans.createAnnotatedType(
          Class.forName(BINDER, false, MetricsRegistration.class.getClassLoader())), BINDER);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    MetricsMessages.registered("portable extension");
  }

  /** For the build-compatible extension: adds the binder to the bean classes, if Micrometer is there. */
  public static void register(ScannedClasses classes) {
    if (!apiPresent()) {
      MetricsMessages.absent("build-compatible extension");
      return;
    }
    classes.add(BINDER);
    MetricsMessages.registered("build-compatible extension");
  }
}
