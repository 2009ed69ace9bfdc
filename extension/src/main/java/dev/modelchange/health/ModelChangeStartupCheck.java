package dev.modelchange.health;

import dev.modelchange.cdi.ModelChangeRuntime;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Startup;

/**
 * ModelChange's startup check: UP once every stream has fixed its start position, so that no change written from
 * then on is missed. Registered only when MicroProfile Health is there ({@link HealthRegistration}); the rules are
 * {@link StreamHealth}'s.
 */
@Startup
public class ModelChangeStartupCheck extends ModelChangeCheck {
  /** For the container. */
  @Inject
  public ModelChangeStartupCheck(ModelChangeRuntime runtime) {
    super(runtime, StreamHealth.Probe.STARTUP);
  }
}
