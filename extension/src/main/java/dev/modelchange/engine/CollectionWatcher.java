package dev.modelchange.engine;

import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.json.JsonParseException;

/**
 * Keeps one change stream open on one thread and delivers its changes, in server order, to the stream's sinks.
 * Survives failures: closes the cursor, waits with backoff, and reopens after the last delivered position;
 * lost history and invalidation follow the configured policy and are reported as {@link ChangeStreamGap}s.
 */
final class CollectionWatcher implements Runnable {
  private static final Logger LOG = System.getLogger(CollectionWatcher.class.getName());

  /** How long the server may hold an empty getMore (real MongoDB's await-data). */
  private static final long MAX_AWAIT_MILLIS = 1000;
  /** A getMore that returns sooner than this came back without awaiting data: wait in the process instead. */
  private static final long EARLY_RETURN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long IDLE_WAIT_MIN_MILLIS = 5;
  private static final long IDLE_WAIT_MAX_MILLIS = 100;
  /** Server errors meaning the stored position is not in the oplog any more, or not usable. */
  private static final Set<Integer> HISTORY_LOST = Set.of(286, 280, 260);
  /** Server errors that retrying cannot fix: a malformed pipeline. */
  private static final Set<Integer> PIPELINE_ERRORS = Set.of(9, 14, 15983, 40323, 40324, 40415, 16410, 31325);

  private final StreamShape shape;
  private final MongoDatabase database;
  private final MongoCollection<BsonDocument> collection;
  private final Class<?> modelType;
  private final org.bson.codecs.configuration.CodecRegistry codecs;
  private final StreamKey key;
  private final ResumeTokenStore store;
  private final EngineSettings settings;
  private final IncidentReporter reporter;
  private final Checkpointer checkpointer;
  private final Backoff backoff;
  private final CursorOpener opener;
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);
  private final Object sleeper = new Object();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong cursorsOpened = new AtomicLong();
  /** The stages of asynchronous receivers of the event being dispatched; the watcher's thread only. */
  private final List<CompletionStage<?>> pending = new ArrayList<>(4);
  private volatile List<ChangeSink> sinks;
  private volatile boolean stopping;
  private volatile Thread thread;

  // position; set by start() before the thread exists, then used by the watcher's thread only
  private CompletableFuture<Position> positionAhead;
  private boolean positionLoaded;
  private BsonDocument lastToken;
  private boolean useStartAfter;
  private BsonTimestamp startTime;
  private long firstLoadFailure;

  /** A start position read ahead of the watcher's thread: a stored token, or else a start time (may be null). */
  private record Position(BsonDocument token, BsonTimestamp startTime) {}

  /**
   * @param store null for a stream that starts from now and keeps no position
   */
  CollectionWatcher(StreamShape shape, MongoDatabase database, Class<?> modelType,
      org.bson.codecs.configuration.CodecRegistry codecs, ResumeTokenStore store, EngineSettings settings,
      IncidentReporter reporter, List<ChangeSink> sinks, CursorOpener opener, Executor checkpointWriter) {
    this.opener = opener;
    this.shape = shape;
    this.database = database;
    this.collection = database.getCollection(shape.namespace().getCollectionName(), BsonDocument.class);
    this.modelType = modelType;
    this.codecs = codecs;
    this.key = new StreamKey(settings.group(), shape.namespace().getDatabaseName(),
        shape.namespace().getCollectionName(), shape.key());
    this.store = store;
    this.settings = settings;
    this.reporter = reporter;
    this.checkpointer = new Checkpointer(key, store, settings.checkpointMaxEvents(), settings.checkpointMaxDelay(),
        checkpointWriter);
    this.backoff = new Backoff(settings.retryInitialDelay(), settings.retryMaxDelay(), settings.retryMultiplier(),
        settings.retryJitter());
    this.sinks = List.copyOf(sinks);
  }

  /**
   * Starts reading where the stream starts (the stored token, else the server's time now) on a short-lived helper
   * thread, so that {@link #start} can fix the position before the watcher's thread runs: a container may run that
   * thread only once the application has started (Open Liberty does), and changes written meanwhile, by the
   * application's own start-up code for one, must not be missed. Only for streams that keep a position, as in
   * {@link #open()}. Idempotent.
   */
  void readPositionAhead() {
    if (store == null || positionAhead != null) {
      return;
    }
    CompletableFuture<Position> read = new CompletableFuture<>();
    Thread helper = new Thread(() -> {
      try {
        BsonDocument token = store.load(key).orElse(null);
        read.complete(token != null ? new Position(token, null)
            : new Position(null, configuredStart().orElseGet(() -> ServerClock.now(database))));
      } catch (Throwable e) {
        read.completeExceptionally(e);
      }
    }, "modelchange-position-" + shape.namespace().getFullName());
    helper.setDaemon(true);
    helper.start();
    positionAhead = read;
  }

  /**
   * Starts the watcher's thread, first fixing its position with what {@link #readPositionAhead} read, if that
   * arrives before {@code deadlineNanos} ({@link System#nanoTime()}). Otherwise (MongoDB or the store not
   * reachable yet) the thread fixes the position itself when it connects.
   */
  void start(ThreadFactory threads, long deadlineNanos) {
    readPositionAhead();
    if (positionAhead != null) {
      try {
        Position p = positionAhead.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        checkpointer.loaded(p.token());
        lastToken = p.token();
        startTime = p.startTime();
        positionLoaded = true;
      } catch (ExecutionException | TimeoutException e) {
        LOG.log(Level.DEBUG, "MODELCHANGE-077 The start position of " + shape + " was not read before its thread "
            + "started; the thread reads it when it connects: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Thread t = ChangeStreamEngine.newThread(threads, this, "modelchange-" + shape.namespace().getFullName()
        + (shape.key().equals(FullDocument.DEFAULT.getValue()) ? "" : "[" + shape.key() + "]"));
    thread = t;
    t.start();
  }

  /** Waits until the cursor is open (its position fixed) or the timeout passes; true if open. */
  boolean awaitOpen(Duration timeout) throws InterruptedException {
    return opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !stopping;
  }

  /**
   * Whether the thread began to run within the timeout. A container may hold back the threads of its managed
   * thread factory until the application has started (Open Liberty does): waiting for their cursors at start-up
   * would then only delay the start.
   */
  boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isOpen() {
    return opened.getCount() == 0 && !stopping;
  }

  /** Asks the thread to stop after the current delivery; returns at once. */
  void requestStop() {
    stopping = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
  }

  /** Stops and waits for the thread, interrupting it if it does not end in time. */
  void stop(Duration timeout) {
    requestStop();
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    try {
      t.join(timeout.toMillis());
      if (t.isAlive()) {
        t.interrupt();
        t.join(timeout.toMillis());
      }
      if (t.isAlive()) {
        LOG.log(Level.WARNING, "MODELCHANGE-075 The thread of " + shape + " did not stop; an observer may be stuck");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    Thread t = thread;
    return t != null && t.isAlive();
  }

  void setSinks(List<ChangeSink> newSinks) {
    this.sinks = List.copyOf(newSinks);
  }

  List<ChangeSink> sinks() {
    return sinks;
  }

  StreamShape shape() {
    return shape;
  }

  StreamKey key() {
    return key;
  }

  long failedAttempts() {
    return failedAttempts.get();
  }

  long cursorsOpened() {
    return cursorsOpened.get();
  }

  long checkpointsSaved() {
    return checkpointer.saves();
  }

  @Override
  public void run() {
    running.countDown();
    boolean failing = false;
    try {
      while (!stopping) {
        try {
          if (!positionLoaded) {
            loadPosition();
          }
          try (MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor = open()) {
            cursorsOpened.incrementAndGet();
            opened.countDown();
            if (failing) {
              failing = false;
              LOG.log(Level.INFO, "MODELCHANGE-073 The change stream of " + shape + " is open again after "
                  + failedAttempts.get() + " failed attempts in all");
            }
            backoff.reset();
            stream(cursor);
          }
        } catch (MongoCommandException e) {
          if (stopping) {
            break;
          }
          if (HISTORY_LOST.contains(e.getErrorCode())) {
            historyLost(ChangeStreamGap.Reason.HISTORY_LOST, e);
          } else if (PIPELINE_ERRORS.contains(e.getErrorCode())) {
            LOG.log(Level.ERROR, "MODELCHANGE-072 The server rejected the change stream of " + shape
                + " as malformed; it is stopped. Fix its pipeline.", e);
            incident(e);
            stopping = true;
          } else {
            failing = retryAfter(e, failing);
          }
        } catch (JsonParseException e) {
          historyLost(ChangeStreamGap.Reason.UNREADABLE_POSITION, e);
        } catch (StoreUnavailableException e) {
          failing = retryAfter(e, failing);
        } catch (MongoInterruptedException e) {
          if (!stopping) {
            failing = retryAfter(e, failing);
          }
        } catch (RuntimeException e) {
          if (stopping) {
            break;
          }
          failing = retryAfter(e, failing);
        }
      }
    } finally {
      checkpointer.flush(Duration.ofSeconds(5));
      running.countDown();
      opened.countDown();
    }
  }

  private void loadPosition() {
    if (store != null) {
      BsonDocument token;
      try {
        token = store.load(key).orElse(null);
      } catch (JsonParseException e) {
        throw e;
      } catch (RuntimeException e) {
        if (firstLoadFailure == 0) {
          firstLoadFailure = System.nanoTime();
        }
        if (System.nanoTime() - firstLoadFailure < settings.startupTimeout().toNanos()) {
          throw new StoreUnavailableException(e);
        }
        // the store stays down: deliver from now rather than not at all, and say that changes may be missed
        positionLoaded = true;
        gap(new ChangeStreamGap(modelType, shape.namespace(), ChangeStreamGap.Reason.UNREADABLE_POSITION,
            null, null));
        LOG.log(Level.ERROR, "MODELCHANGE-054 The stored position of " + key + " could not be read for "
            + settings.startupTimeout() + " (" + ConfigKeys.STARTUP_TIMEOUT + "); the stream starts from now and "
            + "changes since the last stored position may be missed. Check the resume-token store.", e);
        return;
      }
      checkpointer.loaded(token);
      lastToken = token;
    }
    if (lastToken == null && store != null) {
      configuredStart().ifPresent(t -> startTime = t);
    }
    positionLoaded = true;
  }

  /** {@code modelchange.start-at} as an operation time, when it names an instant rather than "now". */
  private Optional<BsonTimestamp> configuredStart() {
    return settings.startAt().map(at -> new BsonTimestamp((int) at.getEpochSecond(), 0));
  }

  private MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> open() {
    BsonTimestamp serverTimeBeforeOpen = lastToken == null && startTime == null && store != null
        ? ServerClock.now(database) : null;
    MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor = openCursor();
    if (lastToken == null && startTime == null) {
      BsonDocument initial = cursor.getResumeToken();
      if (initial != null) {
        lastToken = initial; // the post-batch token of the opening reply: "now", fixed
      } else if (serverTimeBeforeOpen != null) {
        // No post-batch token (a server before 4.0.7, or the in-JVM one): fix the start by time instead, so that
        // neither our reopening nor the driver's own resume can skip changes written before the first event.
        cursor.close();
        startTime = serverTimeBeforeOpen;
        cursor = openCursor();
      }
    }
    return cursor;
  }

  private MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> openCursor() {
    return opener.open(iterable(), lastToken, useStartAfter);
  }

  private ChangeStreamIterable<BsonDocument> iterable() {
    ChangeStreamIterable<BsonDocument> it = collection.watch(shape.pipeline(), BsonDocument.class)
        .maxAwaitTime(MAX_AWAIT_MILLIS, TimeUnit.MILLISECONDS);
    if (shape.fullDocument() != FullDocument.DEFAULT) {
      it = it.fullDocument(shape.fullDocument());
    }
    if (shape.fullDocumentBeforeChange() != FullDocumentBeforeChange.DEFAULT) {
      it = it.fullDocumentBeforeChange(shape.fullDocumentBeforeChange());
    }
    if (lastToken != null) {
      it = useStartAfter ? it.startAfter(lastToken) : it.resumeAfter(lastToken);
    } else if (startTime != null) {
      it = it.startAtOperationTime(startTime);
    }
    return it;
  }

  private void stream(MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor) {
    long idleWait = IDLE_WAIT_MIN_MILLIS;
    while (!stopping) {
      long before = System.nanoTime();
      ChangeStreamDocument<BsonDocument> doc = cursor.tryNext();
      if (doc == null) {
        BsonDocument position = cursor.getResumeToken();
        if (position != null && !position.equals(lastToken)) {
          moveTo(position);
          checkpointer.reached(position);
        }
        checkpointer.maybeSave();
        if (System.nanoTime() - before < EARLY_RETURN_NANOS) {
          // the server did not await data (the in-JVM one never does): wait here, longer while it stays quiet
          sleep(idleWait);
          idleWait = Math.min(idleWait * 2, IDLE_WAIT_MAX_MILLIS);
        }
        continue;
      }
      idleWait = IDLE_WAIT_MIN_MILLIS;
      if (doc.getOperationType() == OperationType.INVALIDATE) {
        invalidated(doc);
        return;
      }
      dispatch(doc);
    }
  }

  /**
   * Delivers one change to the sinks and records its position: what the watcher's thread does with each event
   * the cursor returns (also the entry point of the dispatch benchmark, which replays recorded events).
   */
  void dispatch(ChangeStreamDocument<BsonDocument> doc) {
    ReceivedChange change = new ReceivedChange(doc, shape.namespace(), codecs);
    for (ChangeSink sink : sinks) {
      sink.deliver(change, pending);
    }
    moveTo(doc.getResumeToken());
    checkpointer.delivered(doc.getResumeToken(), pending);
    pending.clear();
    checkpointer.maybeSave();
  }

  Checkpointer checkpointer() {
    return checkpointer;
  }

  private void moveTo(BsonDocument token) {
    lastToken = token;
    useStartAfter = false;
    startTime = null;
  }

  private void invalidated(ChangeStreamDocument<BsonDocument> doc) {
    ChangeStreamGap gap = new ChangeStreamGap(modelType, shape.namespace(), ChangeStreamGap.Reason.INVALIDATED,
        lastToken, doc.getResumeToken());
    LOG.log(Level.ERROR, "MODELCHANGE-074 The change stream of " + shape + " was invalidated (the collection "
        + "or database was dropped or renamed); it continues after the invalidation. " + gap);
    lastToken = doc.getResumeToken();
    useStartAfter = true;
    startTime = null;
    checkpointer.reached(lastToken);
    gap(gap);
  }

  private void historyLost(ChangeStreamGap.Reason reason, RuntimeException cause) {
    ChangeStreamGap gap = new ChangeStreamGap(modelType, shape.namespace(), reason, lastToken, null);
    boolean fail = settings.onHistoryLost() == EngineSettings.HistoryLostPolicy.FAIL;
    LOG.log(Level.ERROR, "MODELCHANGE-070 The change stream of " + shape + " cannot continue from its position ("
        + reason + "): changes may have been missed. "
        + (fail ? "It is stopped (" + ConfigKeys.ON_HISTORY_LOST + "=fail); restart after resynchronising."
            : "It restarts from now (" + ConfigKeys.ON_HISTORY_LOST + "=restart-from-now); resynchronise on the "
                + "ChangeStreamGap event.") + " " + gap, cause);
    positionLoaded = true;
    lastToken = null;
    useStartAfter = false;
    startTime = null;
    gap(gap);
    if (fail) {
      stopping = true;
    }
  }

  private boolean retryAfter(RuntimeException e, boolean failing) {
    failedAttempts.incrementAndGet();
    if (!failing) {
      LOG.log(Level.WARNING, "MODELCHANGE-071 The change stream of " + shape + " failed; retrying with backoff "
          + "from its last position (further attempts are logged at DEBUG, the recovery at INFO)", e);
      incident(e);
    } else {
      LOG.log(Level.DEBUG, "MODELCHANGE-071 The change stream of " + shape + " failed again: " + e);
    }
    sleep(backoff.next().toMillis());
    return true;
  }

  private void incident(RuntimeException e) {
    try {
      reporter.failure(new ChangeStreamFailure(modelType, shape.namespace(), null, null, e));
    } catch (RuntimeException re) {
      LOG.log(Level.ERROR, "MODELCHANGE-061 An observer of ChangeStreamFailure failed", re);
    }
    for (ChangeSink sink : sinks) {
      sink.streamFailed(e);
    }
  }

  private void gap(ChangeStreamGap gap) {
    try {
      reporter.gap(gap);
    } catch (RuntimeException re) {
      LOG.log(Level.ERROR, "MODELCHANGE-062 An observer of ChangeStreamGap failed", re);
    }
    for (ChangeSink sink : sinks) {
      sink.gap(gap);
    }
  }

  private void sleep(long millis) {
    synchronized (sleeper) {
      if (stopping) {
        return;
      }
      try {
        sleeper.wait(millis);
      } catch (InterruptedException e) {
        stopping = true;
        Thread.currentThread().interrupt();
      }
    }
  }

  MongoNamespace namespace() {
    return shape.namespace();
  }

  /** The token store could not be read; retried with backoff until the start-up timeout. */
  private static final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreUnavailableException(RuntimeException cause) {
      super("MODELCHANGE-051 The resume-token store could not be read: " + cause.getMessage(), cause);
    }
  }
}
