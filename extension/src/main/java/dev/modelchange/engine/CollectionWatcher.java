package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.StreamState;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.json.JsonParseException;

/**
 * Keeps one change stream open on one thread and delivers its changes, in server order, to the stream's sinks.
 * Survives failures: closes the cursor, waits with backoff, and reopens after the last delivered position; what a
 * failure means is {@link StreamErrors#classify}'s to say. Its life is one {@link StreamState}.
 */
final class CollectionWatcher implements Runnable {
  /** A getMore that returns sooner than this came back without awaiting data: wait in the process instead. */
  private static final long EARLY_RETURN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long IDLE_WAIT_MIN_MILLIS = 5;
  private static final long IDLE_WAIT_MAX_MILLIS = 100;

  private final StreamSource source;
  private final StreamKey key;
  private final EngineSettings settings;
  private final IncidentReporter reporter;
  private final Checkpointer checkpointer;
  private final Backoff backoff;
  private final EngineClock clock;
  private final StreamPosition position;
  private final StreamDelivery delivery;
  /** Guards {@link #state} and {@link #began}; waits and stop requests meet on it. */
  private final Object monitor = new Object();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong cursorsOpened = new AtomicLong();
  private StreamState state = StreamState.STARTING;
  private boolean began;
  private volatile Thread thread;
  private long storeFailingSince = -1;
  /** Whether the stream failed and has not delivered or read past an event since; the watcher's thread only. */
  private boolean failing;

  CollectionWatcher(StreamSource source, StreamKey key, StreamPosition position, EngineSettings settings,
      IncidentReporter reporter, List<ChangeSink> sinks, Checkpointer checkpointer, EngineClock clock) {
    this.source = source;
    this.key = key;
    this.position = position;
    this.settings = settings;
    this.reporter = reporter;
    this.checkpointer = checkpointer;
    this.clock = clock;
    this.backoff = new Backoff(settings.retryInitialDelay(), settings.retryMaxDelay(), settings.retryMultiplier(),
        settings.retryJitter());
    this.delivery = new StreamDelivery(source.shape(), source.namespace(), source.modelType(), source.codecs(),
        reporter, sinks, settings.asyncMaxInFlight(), monitor, clock);
  }

  /** Starts reading the stored position ahead of the thread (see {@link StreamPosition#readAhead}). */
  void readAhead(java.util.concurrent.ThreadFactory threads) {
    position.readAhead(threads, "modelchange-position-" + source.namespace().getFullName());
  }

  /**
   * Starts the thread, first fixing the position with what was read ahead, if it arrives by the deadline.
   *
   * @throws IllegalStateException when the store refuses to read (misconfigured: a wrong password, say)
   */
  void start(java.util.concurrent.ThreadFactory threads, long deadlineNanos) throws InterruptedException {
    readAhead(threads);
    RuntimeException storeFailure = position.fixAhead(deadlineNanos);
    if (storeFailure != null && StreamErrors.isStoreMisconfigured(storeFailure)) {
      setState(StreamState.FAILED);
      throw EngineMessages.storeMisconfigured(checkpointer.store(), key, storeFailure);
    }
    if (position.isFixed()) {
      checkpointer.loaded(position.token());
    }
    Thread t = ChangeStreamEngine.newThread(threads, this, "modelchange-" + source.shape().threadName());
    thread = t;
    t.start();
  }

  /** Waits until the state is one of {@code wanted}, or the stream ends, or the timeout passes. */
  StreamState awaitState(Duration timeout, StreamState... wanted) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (!List.of(wanted).contains(state) && !state.isEnding()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
      }
      return state;
    }
  }

  /** Whether the thread began to run within the timeout: a container may hold it back (Open Liberty does). */
  boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (!began && deadline - System.nanoTime() > 0) {
        TimeUnit.NANOSECONDS.timedWait(monitor, deadline - System.nanoTime());
      }
      return began;
    }
  }

  StreamState state() {
    synchronized (monitor) {
      return state;
    }
  }

  private void setState(StreamState next) {
    synchronized (monitor) {
      if (!(state.isEnding() && next.compareTo(state) < 0)) {
        state = next;
      }
      monitor.notifyAll();
    }
  }

  private boolean stopping() {
    synchronized (monitor) {
      return state.isEnding();
    }
  }

  /** Asks the thread to stop after the current delivery; returns at once. */
  void requestStop() {
    setState(StreamState.STOPPING);
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
        EngineMessages.threadDidNotStop(source.shape());
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
    delivery.setSinks(newSinks);
  }

  List<ChangeSink> sinks() {
    return delivery.sinks();
  }

  StreamShape shape() {
    return source.shape();
  }

  MongoNamespace namespace() {
    return source.namespace();
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

  int asyncInFlight() {
    return delivery.inFlight();
  }

  Checkpointer checkpointer() {
    return checkpointer;
  }

  @Override
  public void run() {
    synchronized (monitor) {
      began = true;
      monitor.notifyAll();
    }
    try {
      while (!stopping()) {
        try {
          fixPosition();
          try (MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor = open()) {
            cursorsOpened.incrementAndGet();
            setState(StreamState.OPEN);
            stream(cursor);
          }
        } catch (Throwable e) {
          if (stopping()) {
            break;
          }
          handle(e);
        }
      }
    } finally {
      checkpointer.flush(Duration.ofSeconds(5));
      setState(StreamState.STOPPED);
    }
  }

  private void handle(Throwable e) {
    switch (StreamErrors.classify(e)) {
      case HISTORY_LOST -> historyLost(ChangeStreamGap.Reason.HISTORY_LOST, e);
      case UNREADABLE_POSITION -> historyLost(ChangeStreamGap.Reason.UNREADABLE_POSITION, e);
      case MALFORMED_PIPELINE -> {
        EngineMessages.malformedPipeline(source.shape(), e);
        incident(e);
        setState(StreamState.FAILED);
      }
      case EVENT_TOO_LARGE -> skipLargeEvent(e);
      case CRASH -> {
        EngineMessages.workerCrashed(source.shape(), e);
        incident(e);
        retryAfter(e, true);
      }
      default -> retryAfter(e, false);
    }
  }

  /** Reads the stored position on this thread, if it was not read ahead; a store that stays down is a gap. */
  private void fixPosition() {
    if (position.isFixed()) {
      return;
    }
    StreamPosition.Stored stored = position.readNow();
    if (stored.failure() == null) {
      position.fix(stored);
      checkpointer.loaded(position.token());
      return;
    }
    if (stored.failure() instanceof JsonParseException unreadable) {
      throw unreadable; // the store answered, with a position that cannot be read: a gap, not a wait
    }
    position.bootTime(stored.startTime());
    long now = clock.nanoTime();
    if (storeFailingSince < 0) {
      storeFailingSince = now;
    }
    if (now - storeFailingSince < settings.startupTimeout().toNanos()) {
      throw EngineMessages.storeUnreadable(stored.failure());
    }
    // the store stays down: deliver from the boot-time position rather than not at all, and say so
    position.fixWithoutStore();
    gap(new ChangeStreamGap(source.modelType(), source.namespace(), ChangeStreamGap.Reason.UNREADABLE_POSITION,
        null, null));
    EngineMessages.storeStaysDown(key, settings.startupTimeout(), position.origin(), stored.failure());
  }

  private MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> open() {
    boolean firstOpen = cursorsOpened.get() == 0;
    BsonTimestamp serverTimeBeforeOpen = position.needsServerTime() ? source.serverTime() : null;
    MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor = source.open(position);
    if (position.fixFromOpened(cursor, serverTimeBeforeOpen)) {
      // no post-batch token: reopen at the time fixed, so that no resume can skip changes before the first event
      cursor.close();
      cursor = source.open(position);
    }
    BsonDocument start = position.takeStartToStore();
    if (start != null) {
      checkpointer.startedAt(start);
    }
    if (firstOpen) {
      EngineMessages.starts(source.shape(), position.origin(), checkpointer.store() == null ? "no store (it "
          + "starts from now each time)" : String.valueOf(checkpointer.store()));
    }
    return cursor;
  }

  private void stream(MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor)
      throws InterruptedException {
    long idleWait = IDLE_WAIT_MIN_MILLIS;
    while (!stopping()) {
      long before = clock.nanoTime();
      ChangeStreamDocument<BsonDocument> doc = cursor.tryNext();
      if (doc == null) {
        BsonDocument reached = cursor.getResumeToken();
        if (reached != null && !reached.equals(position.token())) {
          position.moveTo(reached);
          checkpointer.reached(reached);
          progressed();
        }
        checkpointer.maybeSave();
        if (clock.nanoTime() - before < EARLY_RETURN_NANOS) {
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
      if (!dispatch(doc)) {
        return;
      }
      delivery.awaitCapacity(this::stopping);
    }
  }

  /**
   * Delivers one change to the sinks and records its position: what the watcher's thread does with each event
   * the cursor returns (also the entry point of the dispatch benchmark, which replays recorded events).
   *
   * @return false when a receiver did not complete because the stream is stopping: that change is not
   *     checkpointed, so it comes again after the restart
   */
  boolean dispatch(ChangeStreamDocument<BsonDocument> doc) {
    StreamDelivery.Outcome outcome = delivery.deliver(doc);
    if (outcome == StreamDelivery.Outcome.FAILED && (stopping() || Thread.currentThread().isInterrupted())) {
      return false;
    }
    position.moveTo(doc.getResumeToken());
    checkpointer.delivered(doc.getResumeToken(), delivery.pending());
    checkpointer.maybeSave();
    progressed();
    return true;
  }

  /**
   * The stream delivered or read past an event: a failure series, if any, is over. Only then does the backoff
   * start again from its initial delay: a cursor that opens and fails at once keeps backing off.
   */
  private void progressed() {
    if (failing) {
      failing = false;
      backoff.reset();
      EngineMessages.openAgain(source.shape(), failedAttempts.get());
    }
  }

  private void invalidated(ChangeStreamDocument<BsonDocument> doc) {
    ChangeStreamGap gap = new ChangeStreamGap(source.modelType(), source.namespace(),
        ChangeStreamGap.Reason.INVALIDATED, position.token(), doc.getResumeToken());
    EngineMessages.invalidated(source.shape(), gap);
    position.invalidatedAt(doc.getResumeToken());
    checkpointer.reached(doc.getResumeToken());
    gap(gap);
  }

  private void historyLost(ChangeStreamGap.Reason reason, Throwable cause) {
    ChangeStreamGap gap = new ChangeStreamGap(source.modelType(), source.namespace(), reason, position.token(),
        null);
    boolean fail = settings.onHistoryLost() == EngineSettings.HistoryLostPolicy.FAIL;
    EngineMessages.historyLost(source.shape(), reason, fail, gap, cause);
    position.restartFromNow();
    gap(gap);
    if (fail) {
      setState(StreamState.FAILED);
    }
  }

  /**
   * An event over 16 MB: find its token with the large fields projected away, skip it with a gap naming it, and
   * go on after it, so the stream never loops on it.
   */
  private void skipLargeEvent(Throwable cause) {
    ChangeStreamDocument<BsonDocument> large = source.peekWithoutDocuments(position);
    if (large == null) {
      retryAfter(cause, false);
      return;
    }
    ChangeStreamGap gap = new ChangeStreamGap(source.modelType(), source.namespace(),
        ChangeStreamGap.Reason.EVENT_TOO_LARGE, position.token(), large.getResumeToken());
    EngineMessages.eventTooLargeSkipped(source.shape(), large.getDocumentKey(), gap);
    position.moveTo(large.getResumeToken());
    checkpointer.reached(large.getResumeToken());
    gap(gap);
  }

  /** Waits with backoff before reopening; the first failure of a series is logged and reported, later ones at DEBUG. */
  private void retryAfter(Throwable e, boolean logged) {
    failedAttempts.incrementAndGet();
    setState(StreamState.RETRYING);
    if (!failing) {
      failing = true;
      if (!logged) {
        EngineMessages.streamFailed(source.shape(), e);
        incident(e);
      }
    } else if (!logged) {
      EngineMessages.streamFailedAgain(source.shape(), e);
    }
    sleep(backoff.next().toMillis());
  }

  private void incident(Throwable e) {
    try {
      reporter.failure(new ChangeStreamFailure(source.modelType(), source.namespace(), null, null, e));
    } catch (RuntimeException re) {
      EngineMessages.failureObserverFailed(re);
    }
    for (ChangeSink sink : delivery.sinks()) {
      sink.streamFailed(e);
    }
  }

  private void gap(ChangeStreamGap gap) {
    try {
      reporter.gap(gap);
    } catch (RuntimeException re) {
      EngineMessages.gapObserverFailed(re);
    }
    for (ChangeSink sink : delivery.sinks()) {
      sink.gap(gap);
    }
  }

  private void sleep(long millis) {
    synchronized (monitor) {
      if (state.isEnding()) {
        return;
      }
      try {
        clock.await(monitor, millis);
      } catch (InterruptedException e) {
        state = StreamState.STOPPING;
        Thread.currentThread().interrupt();
      }
    }
  }
}
