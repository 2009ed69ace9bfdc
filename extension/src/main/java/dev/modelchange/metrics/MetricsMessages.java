package dev.modelchange.metrics;

import static dev.modelchange.logging.Messages.coded;

import dev.modelchange.logging.MessageCode;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** The messages of the metrics package, one method per message and code (160-169). */
final class MetricsMessages {
  private static final Logger LOG = System.getLogger("dev.modelchange.metrics");

  private MetricsMessages() {}

  /** DEBUG: Micrometer is there, the binder is registered. */
  @MessageCode(160)
  static void registered(String extension) {
    LOG.log(Level.DEBUG, () -> coded(160, "Micrometer is on the class path: the " + extension + " registers "
        + "ModelChange's meters as a MeterBinder bean (" + ModelChangeMetrics.class.getName() + ")."));
  }

  /** DEBUG: no Micrometer, no meters. */
  @MessageCode(161)
  static void absent(String extension) {
    LOG.log(Level.DEBUG, () -> coded(161, "Micrometer is not on the class path: the " + extension + " registers "
        + "no meters. Add io.micrometer:micrometer-core (Quarkus: quarkus-micrometer) to get them."));
  }

  /** INFO: the meters are bound. */
  @MessageCode(162)
  static void bound(Object registry) {
    LOG.log(Level.INFO, () -> coded(162, "ModelChange's meters (modelchange.*, per stream) are bound to "
        + registry.getClass().getSimpleName()));
  }

  /** WARNING: bound to a second registry; deliveries are measured for the last one only. */
  @MessageCode(163)
  static void reboundElsewhere(Object first, Object second) {
    LOG.log(Level.WARNING, () -> coded(163, "ModelChange's meters were bound to " + first.getClass().getSimpleName()
        + " and now to " + second.getClass().getSimpleName() + ": events and delivery times are counted in the "
        + "last one only. Bind them to one registry (a CompositeMeterRegistry publishes to several)."));
  }

  /** The exception of {@link ModelChangeMetrics#of} for an instance it cannot observe. */
  @MessageCode(164)
  static IllegalArgumentException notAnEngine(Object modelChanges) {
    return new IllegalArgumentException(coded(164, "ModelChangeMetrics.of(...) takes an instance made by "
        + "ModelChanges.builder(), not " + modelChanges + ". With CDI, the container registers the meters as a "
        + "MeterBinder bean: bind that bean instead."));
  }
}
