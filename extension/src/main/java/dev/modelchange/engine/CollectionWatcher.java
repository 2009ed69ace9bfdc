package dev.modelchange.engine;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.StreamState;
import dev.modelchange.StreamStatus;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * Keeps one change stream open on one thread and delivers its changes, in server order, to the stream's sinks.
 * Survives failures: closes the cursor, waits with backoff, and reopens after the last delivered position; what a
 * failure means is {@link StreamErrors#classify}'s to say. Its life is one {@link StreamState}.
 */
final class CollectionWatcher implements Runnable {
  private final StreamSource source;
  private final StreamKey key;
  private final EngineSettings settings;
  private final Checkpointer checkpointer;
  private final StreamRetries retries;
  private final EngineClock clock;
  private final StreamPosition position;
  private final StreamLifecycle life;
  private final StreamDelivery delivery;
  private final StreamIncidents incidents;
  private final StreamGaps gaps;
  private final StreamStats stats = new StreamStats();
  /** For a {@code Delivery.ONE_INSTANCE} stream, the lease it runs behind; null otherwise. */
  private LeaseGate gate;

  CollectionWatcher(StreamSource source, StreamKey key, StreamPosition position, EngineSettings settings,
      IncidentReporter reporter, List<ChangeSink> sinks, Checkpointer checkpointer, EngineClock clock) {
    this.source = source;
    this.key = key;
    this.position = position;
    this.settings = settings;
    this.checkpointer = checkpointer;
    this.clock = clock;
    this.life = new StreamLifecycle(clock);
    this.delivery = new StreamDelivery(source.shape(), source.namespace(), source.modelType(), source.codecs(),
        reporter, sinks, settings.asyncMaxInFlight(), life.monitor(), clock, stats);
    this.incidents = new StreamIncidents(source, reporter, delivery::sinks);
    this.gaps = new StreamGaps(source, position, checkpointer, incidents, settings.onHistoryLost());
    this.retries = new StreamRetries(source.shape(), settings, life, stats, incidents);
  }

  /** Starts reading the stored position ahead of the thread (see {@link StreamPosition#readAhead}). */
  void readAhead(ThreadFactory threads) {
    position.readAhead(threads, "modelchange-position-" + source.namespace().getFullName());
  }

  /**
   * Starts the thread, first fixing the position with what was read ahead, if it arrives by the deadline.
   *
   * @throws IllegalStateException when the store refuses to read (misconfigured: a wrong password, say)
   */
  void start(ThreadFactory threads, long deadlineNanos) throws InterruptedException {
    readAhead(threads);
    RuntimeException storeFailure = position.fixAhead(deadlineNanos);
    if (storeFailure != null && StreamErrors.isStoreMisconfigured(storeFailure)) {
      life.moveTo(StreamState.FAILED);
      throw EngineMessages.storeMisconfigured(checkpointer.store(), key, storeFailure);
    }
    if (position.isFixed()) {
      checkpointer.loaded(position.token());
    }
    life.start(threads, this, "modelchange-" + source.shape().threadName());
  }

  /** Runs the stream only while this engine holds {@code streamLease} (a {@code ONE_INSTANCE} stream). */
  void runBehind(StreamLease streamLease) {
    this.gate = new LeaseGate(streamLease, life, position, source.shape(), clock, settings.instanceExpireAfter());
    checkpointer.guardedBy(streamLease, null);
  }

  /** Asks the thread to stop after the current delivery; returns at once. */
  void requestStop() {
    life.moveTo(StreamState.STOPPING);
  }

  /** Stops and waits for the thread, interrupting it if it does not end in time. */
  void stop(Duration timeout) {
    if (!life.stop(timeout)) {
      StreamMessages.threadDidNotStop(source.shape());
    }
  }

  /**
   * Stops {@code watchers} together: all are asked to stop, all get {@code timeout} to end (storing their last
   * positions, giving up their leases), and those still running are interrupted and get {@code timeout} more. So
   * a shutdown takes at most twice the timeout however many streams there are and however long an unreachable
   * MongoDB or store would keep each of them waiting.
   */
  static void stopAll(Collection<CollectionWatcher> watchers, Duration timeout) {
    watchers.forEach(CollectionWatcher::requestStop);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<CollectionWatcher> running = watchers.stream().filter(w -> !w.life.awaitEnd(deadline)).toList();
    running.forEach(w -> w.life.interrupt());
    long last = System.nanoTime() + timeout.toNanos();
    running.stream().filter(w -> !w.life.awaitEnd(last)).forEach(w -> StreamMessages.threadDidNotStop(w.shape()));
  }

  StreamLifecycle life() {
    return life;
  }

  StreamDelivery delivery() {
    return delivery;
  }

  StreamStats stats() {
    return stats;
  }

  Checkpointer checkpointer() {
    return checkpointer;
  }

  StreamShape shape() {
    return source.shape();
  }

  /** The stream as it is now; reads volatile state only, never blocks the watcher. */
  StreamStatus status(Instant now) {
    return stats.status(key, source, life, gate != null && gate.isHeld(), delivery, checkpointer,
        position.isFixed() && (checkpointer.store() != null || stats.cursorsOpened.get() > 0), now);
  }

  @Override
  public void run() {
    try {
      while (!life.isEnding()) {
        try {
          if (gate != null && !gate.pass()) {
            continue;
          }
          gaps.fixPosition(key, clock, settings.startupTimeout());
          try (MongoChangeStreamCursor<RawBsonDocument> cursor = open()) {
            stats.cursorsOpened.incrementAndGet();
            life.moveTo(StreamState.OPEN);
            stream(cursor);
          }
        } catch (Throwable e) {
          if (life.isEnding()) {
            break;
          }
          handle(e);
        }
      }
    } finally {
      checkpointer.flush(Duration.ofSeconds(5));
      if (gate != null) {
        gate.release();
      }
      life.moveTo(StreamState.STOPPED);
    }
  }

  private void handle(Throwable e) {
    if (source.dropSplitStage(e)) {
      StreamMessages.splitStageRefused(source.shape(), e);
      return;
    }
    switch (StreamErrors.classify(e)) {
      case HISTORY_LOST -> failIf(gaps.historyLost(ChangeStreamGap.Reason.HISTORY_LOST, e));
      case UNREADABLE_POSITION -> failIf(gaps.historyLost(ChangeStreamGap.Reason.UNREADABLE_POSITION, e));
      case MALFORMED_PIPELINE -> failIf(retries.cannotRetry(e));
      case EVENT_TOO_LARGE -> skipOrRetry(gaps::skipLargeEvent, e);
      case SPLIT_EVENT_BROKEN -> skipOrRetry(gaps::splitEventBroken, e);
      case CRASH -> retries.afterCrash(e);
      default -> retries.retryAfter(e, false);
    }
  }

  /**
   * Skips the event in hand with a gap if {@code skip} does, else retries. Finding the event's token can fail in
   * turn: from the token of a split event's last fragment, MongoDB refuses a pipeline that projects fields away
   * (ChangeStreamFatalError); that is a lost position, never a loop.
   */
  private void skipOrRetry(BooleanSupplier skip, Throwable e) {
    try {
      if (!skip.getAsBoolean()) {
        retries.retryAfter(e, false);
      }
    } catch (RuntimeException peekFailed) {
      if (StreamErrors.classify(peekFailed) == StreamErrors.Action.HISTORY_LOST) {
        failIf(gaps.historyLost(ChangeStreamGap.Reason.HISTORY_LOST, peekFailed));
      } else {
        retries.retryAfter(peekFailed, false);
      }
    }
  }

  private void failIf(boolean fail) {
    if (fail) {
      life.moveTo(StreamState.FAILED);
    }
  }

  private MongoChangeStreamCursor<RawBsonDocument> open() {
    MongoChangeStreamCursor<RawBsonDocument> cursor = source.openFixingStart(position);
    BsonDocument start = position.takeStartToStore();
    if (start != null) {
      checkpointer.startedAt(start);
    }
    if (stats.cursorsOpened.get() == 0) {
      StreamMessages.starts(source.shape(), position.origin(), checkpointer.store());
    }
    return cursor;
  }

  private void stream(MongoChangeStreamCursor<RawBsonDocument> cursor)
      throws InterruptedException {
    IdleWait idle = new IdleWait(clock);
    while (!life.isEnding()) {
      if (gate != null && !gate.stillHeld()) {
        return;
      }
      long before = clock.nanoTime();
      RawBsonDocument next = cursor.tryNext();
      if (next == null) {
        BsonDocument reached = cursor.getResumeToken();
        if (reached != null && !reached.equals(position.token())) {
          position.moveTo(reached);
          checkpointer.reached(reached);
          stats.caughtUp();
          retries.progressed();
        }
        checkpointer.maybeSave();
        long wait = idle.afterEmptyPoll(before);
        if (wait > 0) {
          life.sleep(wait); // the server did not await data (the in-JVM one never does)
        }
        continue;
      }
      idle.eventArrived();
      RawChange doc = RawChange.of(next);
      if (doc.operationType() == OperationType.INVALIDATE) {
        gaps.invalidated(doc);
        return;
      }
      stats.deliveryStarted();
      try {
        if (!dispatch(doc)) {
          return;
        }
        delivery.awaitCapacity(life::isEnding);
      } finally {
        stats.deliveryEnded();
      }
    }
  }

  /**
   * Delivers one change and records its position (also the benchmarks' entry point, {@link EventReplay}).
   *
   * @return false when a receiver did not complete because the stream stops: the change is not checkpointed
   */
  boolean dispatch(RawChange doc) {
    stats.read(doc.clusterTime());
    StreamDelivery.Outcome outcome = delivery.deliver(doc);
    if (outcome == StreamDelivery.Outcome.FAILED && (life.isEnding() || Thread.currentThread().isInterrupted())) {
      return false;
    }
    BsonDocument token = doc.resumeToken();
    position.moveTo(token);
    checkpointer.delivered(token, delivery.pending());
    checkpointer.maybeSave();
    retries.progressed();
    return true;
  }
}
