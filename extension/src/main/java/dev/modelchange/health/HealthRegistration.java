package dev.modelchange.health;

import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import java.util.List;

/**
 * Registers the health checks with the container, only when the MicroProfile Health API is on the class path of
 * the library: nothing is forced on applications without it, and no class of this package that needs the API is
 * loaded then. Called by the portable extension (Weld, Open Liberty) and the build-compatible one (Quarkus). Reads
 * no configuration: {@code modelchange.health.enabled} is the checks' to read, when they are called.
 */
public final class HealthRegistration {
  /** A type of the MicroProfile Health API that every check needs. */
  static final String API = "org.eclipse.microprofile.health.HealthCheck";

  private HealthRegistration() {}

  /** Whether the MicroProfile Health API can be loaded with the library's class loader. */
  static boolean apiPresent() {
    try {
      Class.forName(API, false, HealthRegistration.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The checks' class names; their classes are loaded only once the API is known to be there. */
  static List<String> checks() {
    return List.of(HealthRegistration.class.getPackageName() + ".ModelChangeReadinessCheck",
        HealthRegistration.class.getPackageName() + ".ModelChangeLivenessCheck",
        HealthRegistration.class.getPackageName() + ".ModelChangeStartupCheck");
  }

  /** For the portable extension: adds the checks as beans, if the API is there. */
  public static void register(BeforeBeanDiscovery discovery, BeanManager beans) {
    if (!apiPresent()) {
      HealthMessages.absent("portable extension");
      return;
    }
    for (String name : checks()) {
      discovery.addAnnotatedType(beans.createAnnotatedType(load(name)), name);
    }
    HealthMessages.registered("portable extension");
  }

  /** For the build-compatible extension: adds the checks to the bean classes, if the API is there. */
  public static void register(ScannedClasses classes) {
    if (!apiPresent()) {
      HealthMessages.absent("build-compatible extension");
      return;
    }
    checks().forEach(classes::add);
    HealthMessages.registered("build-compatible extension");
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, HealthRegistration.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
