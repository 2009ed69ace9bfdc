package dev.modelchange.health;

import dev.modelchange.cdi.ModelChangeRuntime;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

/**
 * ModelChange's readiness check: UP while every stream is open (or has been retrying no longer than {@code
 * modelchange.health.retrying-grace}); DOWN while one has failed, is not open yet, or has been retrying longer.
 * Registered only when MicroProfile Health is there ({@link HealthRegistration}); the rules are {@link
 * StreamHealth}'s.
 */
@Readiness
public class ModelChangeReadinessCheck extends ModelChangeCheck {
  /** For the container. */
  @Inject
  public ModelChangeReadinessCheck(ModelChangeRuntime runtime) {
    super(runtime, StreamHealth.Probe.READINESS);
  }
}
