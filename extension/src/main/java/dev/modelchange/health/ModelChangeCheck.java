package dev.modelchange.health;

import dev.modelchange.cdi.ModelChangeRuntime;
import dev.modelchange.engine.ChangeStreamEngine;
import dev.modelchange.settings.EngineSettings;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * What the three checks share: read the running engine's streams and settings (never starting the engine), let
 * {@link StreamHealth} decide, and answer as MicroProfile Health does. Each check is named {@value #NAME}.
 */
abstract class ModelChangeCheck implements HealthCheck {
  /** The name of every ModelChange check in the health answer. */
  static final String NAME = "modelchange";

  private final ModelChangeRuntime runtime;
  private final StreamHealth.Probe probe;

  ModelChangeCheck(ModelChangeRuntime runtime, StreamHealth.Probe probe) {
    this.runtime = runtime;
    this.probe = probe;
  }

  @Override
  public HealthCheckResponse call() {
    Optional<ChangeStreamEngine> engine = runtime.started();
    StreamHealth.Verdict verdict;
    if (engine.isEmpty()) {
      verdict = StreamHealth.notStarted(probe);
    } else {
      EngineSettings settings = engine.get().settings();
      verdict = settings.healthEnabled()
          ? StreamHealth.decide(probe, engine.get().streams(), Instant.now(), settings.healthRetryingGrace(),
              settings.healthStuckAfter())
          : StreamHealth.disabled();
    }
    return response(verdict);
  }

  /**
   * The answer, made without MicroProfile Health's {@code HealthCheckResponse.builder()}, which needs the
   * implementation's provider (a plain response works with every implementation, and in tests without one).
   */
  static HealthCheckResponse response(StreamHealth.Verdict verdict) {
    return new HealthCheckResponse(NAME, verdict.up() ? HealthCheckResponse.Status.UP
        : HealthCheckResponse.Status.DOWN, Optional.of(verdict.data()));
  }
}
