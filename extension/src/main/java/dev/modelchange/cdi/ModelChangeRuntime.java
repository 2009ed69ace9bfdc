package dev.modelchange.cdi;

import com.mongodb.client.MongoClient;
import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ModelChange;
import dev.modelchange.ModelChanges;
import dev.modelchange.engine.ChangeStreamEngine;
import dev.modelchange.engine.DeliveryObserver;
import dev.modelchange.runtime.EngineAssembly;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.engine.IncidentReporter;
import dev.modelchange.engine.ObserverDescriptor;
import dev.modelchange.engine.ObserverInvoker;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.store.ResumeTokenStores;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObserverException;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.bson.codecs.configuration.CodecRegistry;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the engine with the discovered observers when the application starts (before the application's own
 * start-up observers), produces {@link ModelChanges}, and stops everything when the application stops. Reads
 * the configuration and connects here, never during discovery.
 */
@ApplicationScoped
public class ModelChangeRuntime {
  private static final Logger LOG = System.getLogger(ModelChangeRuntime.class.getName());
  private static final String MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

  /** Resolved when the engine starts, not when this bean is made (the meters' binder makes it early). */
  @Inject
  Instance<DiscoveredObservers> discovered;
  @Inject
  BeanManager beanManager;
  @Inject
  Instance<MongoClient> clients;
  @Inject
  Instance<CodecRegistry> codecRegistries;
  @Inject
  Instance<ResumeTokenStore> stores;
  @Inject
  Instance<DataSource> dataSources;
  @Inject
  Event<ChangeStreamFailure> failures;
  @Inject
  Event<ChangeStreamGap> gaps;

  private volatile ChangeStreamEngine engine;
  private DeliveryObserver deliveryObserver;

  /**
   * Starts the engine before the application's own start-up observers. On Quarkus, where this event comes at
   * static init before the runtime configuration exists, the build-compatible extension turns this observer off
   * and {@link #onStartup} starts the engine.
   */
  void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE)
      @Initialized(ApplicationScoped.class) Object event) {
    engine();
  }

  /** Starts the engine, if {@link #onStart} has not, when the application runs (CDI 4.0's {@code Startup}). */
  void onStartup(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE) Startup event) {
    engine();
  }

  /** The engine, started on first use. */
  synchronized ChangeStreamEngine engine() {
    if (engine == null) {
      engine = start(discovered.get().observers());
    }
    return engine;
  }

  /** The engine, if it has started; for the optional health checks, which never start it. */
  public Optional<ChangeStreamEngine> started() {
    return Optional.ofNullable(engine);
  }

  /** Tells {@code observer} of the engine's streams and deliveries, from its start or from now (the meters). */
  public synchronized void observeDeliveries(DeliveryObserver observer) {
    deliveryObserver = observer;
    if (engine != null) {
      engine.observeDeliveries(observer);
    }
  }

  private ChangeStreamEngine start(List<ObserverDescriptor> observers) {
    Config config = ConfigProvider.getConfig();
    EngineSettings settings = EngineSettings.from(key -> config.getOptionalValue(key, String.class),
        config.getPropertyNames());
    ChangeStreamEngine e = EngineAssembly.assemble(settings,
        clients.isResolvable() ? clients.get() : null, stores.isResolvable() ? stores.get() : null,
        c -> ResumeTokenStores.fromSettings(settings, c, dataSources.isResolvable() ? dataSources.get() : null),
        codecRegistries.isResolvable() ? codecRegistries.get() : null, containerThreads(), new CdiIncidents());
    if (deliveryObserver != null) {
      e.observeDeliveries(deliveryObserver);
    }
    try {
      checkDecoding(observers, e.codecRegistry());
      e.start(observers, settings.enabled() ? new CdiObserverInvoker(observers) : null);
    } catch (RuntimeException ex) {
      e.close();
      throw ex;
    }
    return e;
  }

  /**
   * Fails the start ({@code MODELCHANGE-016}) when the engine's codecs cannot decode an observer's model: only
   * now are the codecs known when the application brings its own ({@link ApplicationCodecs}).
   *
   * @param codecs the engine's codecs; null when it is disabled and decodes nothing
   */
  private static void checkDecoding(List<ObserverDescriptor> observers, CodecRegistry codecs) {
    if (codecs == null) {
      return;
    }
    List<ObserverProblem> problems = ObserverValidator.decodingProblems(observers, codecs);
    if (!problems.isEmpty()) {
      throw new DeploymentException(CdiMessages.cannotStart(problems.stream().map(ObserverProblem::message)
          .toList()));
    }
  }

  /** Jakarta Concurrency's default thread factory where the container has one (Open Liberty), else null. */
  private static ThreadFactory containerThreads() {
    try {
      Object found = new InitialContext().lookup(MANAGED_THREAD_FACTORY);
      if (found instanceof ThreadFactory) {
        LOG.log(Level.DEBUG, () -> CdiMessages.containerThreads(MANAGED_THREAD_FACTORY));
        return (ThreadFactory) found;
      }
    } catch (Exception | NoClassDefFoundError e) {
      // no JNDI or no Jakarta Concurrency here: the engine makes its own daemon threads
    }
    return null;
  }

  /** The programmatic API, sharing the observers' engine. */
  @Produces
  @ApplicationScoped
  ModelChanges modelChanges() {
    return new ContainerModelChanges(this::engine);
  }

  /** Stops before the application's other beans go (its MongoClient among them); never creates the runtime. */
  void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
      Object event) {
    stop();
  }

  @PreDestroy
  synchronized void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  /** Fires each change to the route of each observer it matches. */
  private final class CdiObserverInvoker implements ObserverInvoker {
    private final Map<String, Event<Object>> events = new HashMap<>();

    CdiObserverInvoker(List<ObserverDescriptor> observers) {
      Event<Object> all = beanManager.getEvent();
      for (ObserverDescriptor o : observers) {
        events.put(o.route(), all.select(ChangeEventTypes.of(o.modelType()),
            ModelChange.Literal.of(o.modelType()), ObserverRoute.Literal.of(o.route())));
      }
    }

    @Override
    public CompletionStage<?> notify(ObserverDescriptor observer, dev.modelchange.ChangeEvent<?> event) {
      return fire(events.get(observer.route()), observer.async(), event);
    }

    /** The route's {@code Event}, selected at start, taken once per observer instead of once per event. */
    @Override
    public BoundObserver bind(ObserverDescriptor observer) {
      Event<Object> e = events.get(observer.route());
      boolean async = observer.async();
      return event -> fire(e, async, event);
    }

    private CompletionStage<?> fire(Event<Object> e, boolean async, dev.modelchange.ChangeEvent<?> event) {
      if (async) {
        return e.fireAsync(event).handle((result, failure) -> {
          if (failure != null) {
            throw new CompletionException(unwrap(failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure));
          }
          return result;
        });
      }
      try {
        e.fire(event);
      } catch (ObserverException ex) {
        Throwable cause = unwrap(ex);
        throw cause instanceof RuntimeException ? (RuntimeException) cause : ex;
      }
      return null;
    }

    /** The observer's own exception, which the container may wrap in an ObserverException. */
    private Throwable unwrap(Throwable t) {
      return t instanceof ObserverException && t.getCause() != null ? t.getCause() : t;
    }
  }

  /** Fires failures and gaps as CDI events, synchronously, on the stream's thread. */
  private final class CdiIncidents implements IncidentReporter {
    @Override
    public void failure(ChangeStreamFailure failure) {
      failures.fire(failure);
    }

    @Override
    public void gap(ChangeStreamGap gap) {
      gaps.fire(gap);
    }
  }
}
