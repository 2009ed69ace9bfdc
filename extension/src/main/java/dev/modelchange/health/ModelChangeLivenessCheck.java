package dev.modelchange.health;

import dev.modelchange.cdi.ModelChangeRuntime;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Liveness;

/**
 * ModelChange's liveness check: DOWN when a stream's worker thread has died, or one delivery has been stuck longer
 * than {@code modelchange.health.stuck-after}: a restart is what helps then. Registered only when MicroProfile
 * Health is there ({@link HealthRegistration}); the rules are {@link StreamHealth}'s.
 */
@Liveness
public class ModelChangeLivenessCheck extends ModelChangeCheck {
  /** For the container. */
  @Inject
  public ModelChangeLivenessCheck(ModelChangeRuntime runtime) {
    super(runtime, StreamHealth.Probe.LIVENESS);
  }
}
