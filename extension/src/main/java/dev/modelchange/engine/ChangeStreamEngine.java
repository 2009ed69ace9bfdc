package dev.modelchange.engine;

import dev.modelchange.filter.DocumentFilter;
import dev.modelchange.InvalidSettingException;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import com.mongodb.MongoNamespace;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeListener;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import dev.modelchange.spi.ResumeTokenStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;

/**
 * Runs ModelChange: one {@link CollectionWatcher} per collection and stream shape, shared by the observers and
 * the programmatic listeners of that shape. Plain Java: the CDI layer and {@link ModelChanges#builder()} both
 * make one. Thread-safe.
 */
public final class ChangeStreamEngine implements ModelChanges {
  private static final Logger LOG = System.getLogger(ChangeStreamEngine.class.getName());
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  /** How long a new thread may take to begin running before we conclude that the container holds it back. */
  private static final Duration THREAD_START_WAIT = Duration.ofMillis(500);

  private final EngineSettings settings;
  private final MongoClient client;
  private final CodecRegistry codecs;
  private final ResumeTokenStore store;
  private final ThreadFactory threads;
  private final IncidentReporter reporter;
  private final ModelNamespaces namespaces;
  private final List<AutoCloseable> owned;
  private final CursorOpener opener;
  /** Saves the streams' positions, so that no stream waits for the store; its thread starts with the first save. */
  private final ExecutorService checkpointWriter;
  private final AtomicLong listenerSequence = new AtomicLong();
  private final Object lock = new Object();
  private final Map<StreamShape, CollectionWatcher> watchers = new LinkedHashMap<>();
  private final Map<StreamShape, ListenerRegistry> registries = new LinkedHashMap<>();
  private final Set<CollectionWatcher> retired = new HashSet<>();
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
    this(settings, client, codecs, store, threads, reporter, owned, CursorOpener.DRIVER);
  }

  /** With a seam for cursors, for tests. */
  ChangeStreamEngine(EngineSettings settings, MongoClient client, CodecRegistry codecs, ResumeTokenStore store,
      ThreadFactory threads, IncidentReporter reporter, List<AutoCloseable> owned, CursorOpener opener) {
    this.opener = opener;
    this.threads = threads != null ? threads : ChangeStreamEngine::daemonThread;
    this.checkpointWriter = Executors.newSingleThreadExecutor(
        r -> newThread(this.threads, r, "modelchange-checkpoint-writer"));
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
  }

  /**
   * Makes an engine (it starts nothing) from what the application gives, creating the rest from the settings:
   * without a client, one from {@code modelchange.mongodb.uri}; without a store, the configured one. What it
   * creates, the engine owns and closes. When ModelChange is disabled, it creates nothing.
   *
   * @param client the application's client, or null
   * @param store the application's store, or null
   * @param configuredStore makes the configured store for a client; empty for {@code none}
   */
  public static ChangeStreamEngine assemble(EngineSettings settings, MongoClient client, ResumeTokenStore store,
      Function<MongoClient, Optional<ResumeTokenStore>> configuredStore, CodecRegistry codecs, ThreadFactory threads,
      IncidentReporter reporter) {
    List<AutoCloseable> owned = new ArrayList<>();
    MongoClient c = client;
    ResumeTokenStore s = store;
    if (settings.enabled()) {
      if (c == null) {
        c = MongoClients.create(new ConnectionString(settings.mongodbUri()));
        owned.add(c);
      }
      if (s == null) {
        try {
          s = configuredStore.apply(c).orElse(null);
        } catch (RuntimeException e) {
          if (c != client) {
            c.close();
          }
          throw e;
        }
        if (s != null) {
          owned.add(0, s);
        }
      }
    }
    return new ChangeStreamEngine(settings, c, codecs, s, threads, reporter, owned);
  }

  private static Thread daemonThread(Runnable r) {
    Thread t = new Thread(r);
    t.setDaemon(true);
    return t;
  }

  /** A thread of {@code threads}, named {@code name} where the container lets us rename it. */
  static Thread newThread(ThreadFactory threads, Runnable r, String name) {
    Thread t = threads.newThread(r);
    try {
      t.setName(name);
    } catch (SecurityException e) {
      // a container's thread keeps its own name
    }
    return t;
  }

  /**
   * Opens the streams of the observers and waits up to {@code modelchange.startup-timeout} for every cursor to
   * open; the ones still failing go on retrying in the background.
   *
   * @throws InvalidSettingException when a model's namespace cannot be resolved from the configuration
   */
  public void start(List<ObserverDescriptor> observers, ObserverInvoker invoker) {
    if (!settings.enabled()) {
      LOG.log(Level.INFO, "MODELCHANGE-001 ModelChange is disabled (" + ConfigKeys.ENABLED + "=false): no stream "
          + "is opened and " + observers.size() + " observers receive nothing");
      return;
    }
    Map<StreamShape, List<ObserverDescriptor>> byShape = new LinkedHashMap<>();
    for (ObserverDescriptor o : observers) {
      MongoNamespace ns = namespaces.namespaceOf(o.modelType());
      byShape.computeIfAbsent(StreamShape.of(ns, o.streamFullDocument()), s -> new ArrayList<>()).add(o);
    }
    List<CollectionWatcher> started = new ArrayList<>();
    synchronized (lock) {
      for (Map.Entry<StreamShape, List<ObserverDescriptor>> e : byShape.entrySet()) {
        CollectionWatcher w = newWatcher(e.getKey(), e.getValue().get(0).modelType(), store,
            List.of(new ObserverSink(e.getValue(), invoker, reporter)));
        watchers.put(e.getKey(), w);
        started.add(w);
      }
    }
    // every stream's position is read in parallel, and fixed before its thread exists (see readPositionAhead)
    long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
    started.forEach(CollectionWatcher::readPositionAhead);
    started.forEach(w -> w.start(threads, deadline));
    awaitOpen(started, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    if (!started.isEmpty()) {
      LOG.log(Level.INFO, "MODELCHANGE-002 Watching " + started.size() + " change streams for " + observers.size()
          + " observers: " + byShape.keySet());
    }
  }

  private CollectionWatcher newWatcher(StreamShape shape, Class<?> modelType, ResumeTokenStore storeForShape,
      List<ChangeSink> sinks) {
    return new CollectionWatcher(shape, client.getDatabase(shape.namespace().getDatabaseName()), modelType,
        codecs, storeForShape, settings, reporter, sinks, opener, checkpointWriter);
  }

  /** Waits up to {@code timeout} (what is left of {@code modelchange.startup-timeout}) for the cursors to open. */
  private void awaitOpen(List<CollectionWatcher> list, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> late = new ArrayList<>();
    try {
      for (CollectionWatcher w : list) {
        if (!w.awaitRunning(Duration.ofMillis(Math.min(THREAD_START_WAIT.toMillis(), timeout.toMillis())))) {
          LOG.log(Level.INFO, "MODELCHANGE-006 The container runs ModelChange's threads only once the application "
              + "has started; the change streams open then, not before start-up completes");
          return;
        }
        if (!w.awaitOpen(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          late.add(w.shape().toString());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!late.isEmpty()) {
      LOG.log(Level.WARNING, "MODELCHANGE-003 These change streams did not open within "
          + settings.startupTimeout() + " (" + ConfigKeys.STARTUP_TIMEOUT + "); they keep retrying in the "
          + "background: " + late
          + ". Check that MongoDB is reachable and is a replica set.");
    }
  }

  @Override
  public <T> Subscription listenForChanges(Class<T> model, ChangeListener<T> listener) {
    return listenForChanges(model, ListenOptions.<T>builder().onChange(listener).build());
  }

  @Override
  public <T> Subscription listenForInserts(Class<T> model, BiConsumer<String, T> listener) {
    Objects.requireNonNull(listener, "listener");
    return listenForChanges(model, ListenOptions.<T>builder().operationTypes(OperationType.INSERT)
        .onChange((id, change) -> listener.accept(id, change.fullDocument().orElse(null))).build());
  }

  @Override
  public <T> Subscription listenForUpdates(Class<T> model, ChangeListener<T> listener) {
    return listenForChanges(model, ListenOptions.<T>builder()
        .operationTypes(OperationType.UPDATE, OperationType.REPLACE).onChange(listener).build());
  }

  @Override
  public <T> Subscription listenForDeletes(Class<T> model, Consumer<String> listener) {
    Objects.requireNonNull(listener, "listener");
    return listenForChanges(model, ListenOptions.<T>builder().operationTypes(OperationType.DELETE)
        .onChange((id, change) -> listener.accept(id)).build());
  }

  @Override
  public <T> Subscription listenForChanges(Class<T> model, ListenOptions<T> options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    ModelNamespaces.whyNotMappable(model).ifPresent(why -> {
      throw new IllegalArgumentException("MODELCHANGE-045 Cannot listen for changes of " + why);
    });
    if (!settings.enabled()) {
      throw new IllegalStateException("MODELCHANGE-044 ModelChange is disabled (" + ConfigKeys.ENABLED
          + "=false): no listener can be registered");
    }
    DocumentFilter filter;
    try {
      filter = DocumentFilter.parse(options.filter().map(this::render).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("MODELCHANGE-046 ListenOptions.filter cannot be evaluated: "
          + e.getMessage(), e);
    }
    List<BsonDocument> pipeline = options.pipeline().stream().map(this::render).toList();
    StreamShape shape = new StreamShape(namespaces.namespaceOf(model), options.fullDocument(),
        options.fullDocumentBeforeChange(), pipeline, options.id().orElse(null));
    ChangeListenerSubscription<T> subscription = new ChangeListenerSubscription<>(
        listenerSequence.incrementAndGet(), model, options, filter, s -> release(shape, s));
    CollectionWatcher watcher;
    boolean created = false;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("MODELCHANGE-047 ModelChanges is closed");
      }
      ListenerRegistry registry = registries.computeIfAbsent(shape, s -> new ListenerRegistry());
      registry.add(subscription);
      watcher = watchers.get(shape);
      if (watcher == null) {
        watcher = newWatcher(shape, model, shape.isDurableListener() ? store : null, List.of(registry));
        watchers.put(shape, watcher);
        created = true;
      } else if (!watcher.sinks().contains(registry)) {
        List<ChangeSink> sinks = new ArrayList<>(watcher.sinks());
        sinks.add(registry);
        watcher.setSinks(sinks);
      }
    }
    if (created) {
      watcher.start(threads, System.nanoTime() + settings.startupTimeout().toNanos());
    }
    if (!watcher.isOpen()) {
      awaitOpen(List.of(watcher), settings.startupTimeout());
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
      List<ChangeSink> sinks = new ArrayList<>(watcher.sinks());
      sinks.remove(registry);
      if (sinks.isEmpty()) {
        // the last receiver of this stream is gone: close its cursor and thread (without waiting: the caller may
        // be the watcher's own thread, unsubscribing from inside a listener)
        watchers.remove(shape);
        retired.removeIf(w -> !w.isAlive());
        retired.add(watcher);
        watcher.requestStop();
      } else {
        watcher.setSinks(sinks);
      }
    }
  }

  /** The watchers running now. */
  List<CollectionWatcher> watchers() {
    synchronized (lock) {
      return List.copyOf(watchers.values());
    }
  }

  /** The streams running now, as {@code db.collection/shape}; for diagnostics and tests. */
  public List<String> streams() {
    synchronized (lock) {
      return watchers.keySet().stream().map(StreamShape::toString).toList();
    }
  }

  /** Failed attempts to open or read streams since start, over all streams; for diagnostics and tests. */
  public long failedAttempts() {
    synchronized (lock) {
      return watchers.values().stream().mapToLong(CollectionWatcher::failedAttempts).sum();
    }
  }

  /** Positions stored since start, over all streams; for diagnostics and tests. */
  public long checkpointsSaved() {
    synchronized (lock) {
      return watchers.values().stream().mapToLong(CollectionWatcher::checkpointsSaved).sum();
    }
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
    all.forEach(CollectionWatcher::requestStop);
    all.forEach(w -> w.stop(STOP_TIMEOUT));
    // after the watchers: each one's last position is written at its stop, after its save in flight
    checkpointWriter.shutdown();
    try {
      if (!checkpointWriter.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "MODELCHANGE-004 The checkpoint writer did not stop; the resume-token store may hang");
        checkpointWriter.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "MODELCHANGE-004 Could not close " + c.getClass().getName(), e);
      }
    }
  }
}
