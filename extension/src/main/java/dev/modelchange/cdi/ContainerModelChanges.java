package dev.modelchange.cdi;

import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.StreamStatus;
import dev.modelchange.Subscription;
import dev.modelchange.engine.ChangeStreamEngine;
import java.util.List;
import java.util.function.Supplier;

/** The injected {@link ModelChanges}: the container's engine, which the container alone may close. */
final class ContainerModelChanges implements ModelChanges {
  private final Supplier<ChangeStreamEngine> engine;

  ContainerModelChanges(Supplier<ChangeStreamEngine> engine) {
    this.engine = engine;
  }

  @Override
  public <T> Subscription listenForChanges(Class<T> model, ListenOptions<T> options) {
    return engine.get().listenForChanges(model, options);
  }

  @Override
  public List<StreamStatus> streams() {
    return engine.get().streams();
  }

  /** Refused: the container stops ModelChange when the application stops. */
  @Override
  public void close() {
    throw CdiMessages.containerOwned();
  }

  @Override
  public String toString() {
    return "ModelChanges(container)";
  }
}
