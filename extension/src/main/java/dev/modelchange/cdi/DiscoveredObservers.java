package dev.modelchange.cdi;

import dev.modelchange.engine.ObserverDescriptor;
import java.util.List;

/**
 * The observers that discovery found, handed to {@link ModelChangeRuntime} as a synthetic bean by the portable
 * extension (Weld, Open Liberty) or the build-compatible one (Quarkus). Immutable.
 */
public final class DiscoveredObservers {
  private final List<ObserverDescriptor> observers;

  public DiscoveredObservers(List<ObserverDescriptor> observers) {
    this.observers = List.copyOf(observers);
  }

  public List<ObserverDescriptor> observers() {
    return observers;
  }
}
