package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import dev.modelchange.Delivery;
import dev.modelchange.InvalidSettingException;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.StreamState;
import dev.modelchange.StreamStatus;
import dev.modelchange.Subscription;
import dev.modelchange.filter.DocumentFilter;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.ResumeTokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;

/**
 * Runs ModelChange: one {@link CollectionWatcher} per collection and stream shape, shared by the observers and
 * the programmatic listeners of that shape. Plain Java: the CDI layer and {@link ModelChanges#builder()} both
 * make one. Thread-safe.
 */
public final class ChangeStreamEngine implements ModelChanges {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final EngineSettings settings;
  private final MongoClient client;
  private final CodecRegistry codecs;
  private final ResumeTokenStore store;
  private final ThreadFactory threads;
  private final IncidentReporter reporter;
  private final ModelNamespaces namespaces;
  private final List<AutoCloseable> owned;
  private final EngineClock clock;
  private final GroupMembership membership;
  private final WatcherFactory factory;
  private final AtomicLong listenerSequence = new AtomicLong();
  private final Object lock = new Object();
  private final Map<StreamShape, CollectionWatcher> watchers = new LinkedHashMap<>();
  private final Map<StreamShape, ListenerRegistry> registries = new LinkedHashMap<>();
  private final Set<CollectionWatcher> retired = new HashSet<>();
  private DeliveryObserver deliveryObserver = DeliveryObserver.NONE;
  private boolean closed;

  /**
   * @param client the connection; reused, not closed, unless it is in {@code owned}; null only when disabled
   * @param codecs decodes documents into models; null for the client's registry plus automatic POJOs
   * @param store keeps positions; null to keep none
   * @param threads makes the watchers' threads; null for named daemon threads
   * @param owned closed after the watchers stop, in order (a client the engine created, a store it opened)
   */
  public ChangeStreamEngine(EngineSettings settings, MongoClient client, CodecRegistry codecs,
      ResumeTokenStore store, ThreadFactory threads, IncidentReporter reporter, List<AutoCloseable> owned) {
    this(settings, client, codecs, store, threads, reporter, owned, CursorOpener.DRIVER, EngineClock.SYSTEM);
  }

  /** With seams for cursors and time, for tests. */
  ChangeStreamEngine(EngineSettings settings, MongoClient client, CodecRegistry codecs, ResumeTokenStore store,
      ThreadFactory threads, IncidentReporter reporter, List<AutoCloseable> owned, CursorOpener opener,
      EngineClock clock) {
    this.clock = clock;
    this.threads = EngineThreads.orDaemon(threads);
    this.settings = Objects.requireNonNull(settings, "settings");
    if (client == null && settings.enabled()) {
      throw new NullPointerException("client");
    }
    this.client = client;
    this.codecs = codecs != null || client == null ? codecs
        : ModelNamespaces.defaultCodecs(client.getDatabase("admin").getCodecRegistry());
    this.store = store;
    this.reporter = reporter != null ? reporter : IncidentReporter.NONE;
    this.namespaces = new ModelNamespaces(settings);
    this.owned = List.copyOf(owned);
    this.factory = new WatcherFactory(settings, client, this.codecs, store, this.threads, this.reporter, opener,
        clock);
    this.membership = factory.membership();
  }

  /**
   * Opens the streams of the observers and waits up to {@code modelchange.startup-timeout} for every cursor to
   * open; the ones still failing go on retrying in the background.
   *
   * @throws InvalidSettingException when a model's namespace cannot be resolved from the configuration
   */
  public void start(List<ObserverDescriptor> observers, ObserverInvoker invoker) {
    if (!settings.enabled()) {
      EngineMessages.disabled(observers.size());
      return;
    }
    Map<StreamShape, List<ObserverDescriptor>> byShape = new LinkedHashMap<>();
    for (ObserverDescriptor o : observers) {
      MongoNamespace ns = namespaces.namespaceOf(o.modelType());
      membership.checkCanServe(o.delivery(), "Observer " + o.method());
      byShape.computeIfAbsent(StreamShape.of(ns, o.streamFullDocument(), o.delivery()), s -> new ArrayList<>())
          .add(o);
    }
    if (!observers.isEmpty()) {
      membership.claimInstanceId();
    }
    List<CollectionWatcher> started = new ArrayList<>();
    synchronized (lock) {
      for (Map.Entry<StreamShape, List<ObserverDescriptor>> e : byShape.entrySet()) {
        CollectionWatcher w = newWatcher(e.getKey(), e.getValue().get(0).modelType(), store,
            List.of(new ObserverSink(e.getValue(), invoker, reporter, clock)));
        watchers.put(e.getKey(), w);
        started.add(w);
      }
    }
    StartupCheck.startAll(started, threads, client, settings);
    if (!started.isEmpty()) {
      EngineMessages.watching(started.size(), observers.size(), byShape.keySet());
    }
  }

  private CollectionWatcher newWatcher(StreamShape shape, Class<?> modelType, ResumeTokenStore storeForShape,
      List<ChangeSink> sinks) {
    CollectionWatcher watcher = factory.create(shape, modelType, storeForShape, sinks);
    observe(watcher, deliveryObserver);
    return watcher;
  }

  /**
   * Tells {@code observer} of every stream and delivery from now on, instead of the observer before it (the
   * meters of {@code dev.modelchange.metrics}); {@link DeliveryObserver#NONE} to stop. Internal.
   */
  public void observeDeliveries(DeliveryObserver observer) {
    Objects.requireNonNull(observer, "observer");
    synchronized (lock) {
      deliveryObserver = observer;
      watchers.values().forEach(w -> observe(w, observer));
    }
  }

  private static void observe(CollectionWatcher watcher, DeliveryObserver observer) {
    watcher.stats().observeWith(watcher.checkpointer().key(), observer);
    observer.streamAdded(watcher.checkpointer().key());
  }

  @Override
  public <T> Subscription listenForChanges(Class<T> model, ListenOptions<T> options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    ModelNamespaces.whyNotMappable(model).or(() -> ModelNamespaces.whyNotDecodable(model, codecs)).ifPresent(why -> {
      throw EngineMessages.cannotListen(why);
    });
    if (!settings.enabled()) {
      throw EngineMessages.disabledNoListener();
    }
    DocumentFilter filter;
    try {
      filter = DocumentFilter.parse(options.filter().map(this::render).orElse(null));
    } catch (IllegalArgumentException e) {
      throw EngineMessages.badListenerFilter(e);
    }
    List<BsonDocument> pipeline = options.pipeline().stream().map(this::render).toList();
    StreamShape shape = new StreamShape(namespaces.namespaceOf(model), options.fullDocument(),
        options.fullDocumentBeforeChange(), pipeline, options.id().orElse(null), options.delivery());
    membership.checkCanServe(options.delivery(), "A listener of " + model.getName());
    if (shape.isDurableListener() || options.delivery() == Delivery.ONE_INSTANCE) {
      membership.claimInstanceId();
    }
    ChangeListenerSubscription<T> subscription = new ChangeListenerSubscription<>(
        listenerSequence.incrementAndGet(), model, options, filter, s -> release(shape, s), clock);
    CollectionWatcher watcher;
    boolean created = false;
    synchronized (lock) {
      if (closed) {
        throw EngineMessages.closed();
      }
      ListenerRegistry registry = registries.computeIfAbsent(shape, s -> new ListenerRegistry());
      registry.add(subscription);
      watcher = watchers.get(shape);
      if (watcher == null) {
        watcher = newWatcher(shape, model, shape.isDurableListener() ? store : null, List.of(registry));
        watchers.put(shape, watcher);
        created = true;
      } else if (!watcher.delivery().sinks().contains(registry)) {
        List<ChangeSink> sinks = new ArrayList<>(watcher.delivery().sinks());
        sinks.add(registry);
        watcher.delivery().setSinks(sinks);
      }
    }
    if (created) {
      try {
        watcher.start(threads, System.nanoTime() + settings.startupTimeout().toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        subscription.unsubscribe();
        throw e;
      }
    }
    if (watcher.life().state() != StreamState.OPEN) {
      StartupCheck.awaitOpen(List.of(watcher), settings.startupTimeout(), client, settings);
    }
    return subscription;
  }

  private BsonDocument render(Bson bson) {
    return bson.toBsonDocument(BsonDocument.class, codecs);
  }

  private void release(StreamShape shape, ChangeListenerSubscription<?> subscription) {
    synchronized (lock) {
      ListenerRegistry registry = registries.get(shape);
      if (registry == null) {
        return;
      }
      registry.remove(subscription);
      if (!registry.isEmpty()) {
        return;
      }
      registries.remove(shape);
      CollectionWatcher watcher = watchers.get(shape);
      if (watcher == null) {
        return;
      }
      List<ChangeSink> sinks = new ArrayList<>(watcher.delivery().sinks());
      sinks.remove(registry);
      if (sinks.isEmpty()) {
        // the last receiver of this stream is gone: close its cursor and thread (without waiting: the caller may
        // be the watcher's own thread, unsubscribing from inside a listener)
        watchers.remove(shape);
        retired.removeIf(w -> !w.life().isAlive());
        retired.add(watcher);
        watcher.requestStop();
        deliveryObserver.streamRemoved(watcher.checkpointer().key());
      } else {
        watcher.delivery().setSinks(sinks);
      }
    }
  }

  /** The watchers running now; for tests and the engine's own status. */
  List<CollectionWatcher> watchers() {
    synchronized (lock) {
      return List.copyOf(watchers.values());
    }
  }

  @Override
  public List<StreamStatus> streams() {
    java.time.Instant now = java.time.Instant.now();
    return watchers().stream().map(w -> w.status(now)).toList();
  }

  /** Failed attempts to open or read streams since start, over all streams; for diagnostics and tests. */
  public long failedAttempts() {
    return watchers().stream().mapToLong(w -> w.stats().failedAttempts.get()).sum();
  }

  /** The codecs that decode documents into models; null when ModelChange is disabled and has no client. */
  public CodecRegistry codecRegistry() {
    return codecs;
  }

  /** The settings the engine runs with. */
  public EngineSettings settings() {
    return settings;
  }

  /** Stops every stream (storing the last positions), then closes what the engine owns. Idempotent. */
  @Override
  public void close() {
    List<CollectionWatcher> all;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(watchers.values());
      all.addAll(retired);
      watchers.clear();
      registries.clear();
      retired.clear();
    }
    CollectionWatcher.stopAll(all, STOP_TIMEOUT);
    factory.close(); // after the watchers: each one's last position is written at its stop
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        EngineMessages.couldNotClose(c, e);
      }
    }
  }
}
