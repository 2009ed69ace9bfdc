package dev.modelchange.engine;

import dev.modelchange.spi.Lease;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;

/**
 * Decides when a stream's position is stored. A position becomes storable only once every receiver of its event, and of
 * all earlier events, has returned (asynchronous observers: their stages completed): delivery is at-least-once, without
 * gaps. Saves are batched: after {@code max-events} delivered events or {@code max-delay}, whichever comes first, and
 * at shutdown; under load they are coalesced, at least {@code min-interval} apart (never later than {@code max-delay}),
 * so a fast stream writes a few times a second rather than once per 100 events. Saves run on the engine's checkpoint
 * writer, one at a time per stream, so that the stream does not wait for the store; the state here is the watcher's
 * thread's alone.
 */
final class Checkpointer {
  private final StreamKey key;
  private ResumeTokenStore store;
  private final int maxEvents;
  private final long maxDelayNanos;
  private final long minIntervalNanos;
  private final EngineClock clock;
  private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
  private final Executor writer;
  private BsonDocument storable;
  private BsonDocument saved;
  private int eventsSinceSave;
  private long lastSaveNanos;
  /** The save in flight on the writer (true when it succeeded), and its token; at most one per stream. */
  private CompletableFuture<Boolean> saving;
  private BsonDocument savingToken;
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicLong saves = new AtomicLong();
  private volatile Instant lastSavedAt;
  private StreamLease fence;
  /** How often an unchanged position is saved again ({@code Long.MAX_VALUE}: never); and when it last was. */
  private long refreshNanos = Long.MAX_VALUE;
  private volatile long lastWrittenNanos;
  private StreamLease claim;

  private record Pending(BsonDocument token, CompletableFuture<?> done) {}

  /**
   * @param store null for a stream that keeps no position
   * @param writer runs the saves, so that the stream does not wait for the store; null to save on the caller
   */
  Checkpointer(StreamKey key, ResumeTokenStore store, int maxEvents, Duration maxDelay, Executor writer) {
    this(key, store, maxEvents, maxDelay, Duration.ZERO, writer, EngineClock.SYSTEM);
  }

  /** @param minInterval how far apart saves are at least, however fast events come (capped at maxDelay) */
  Checkpointer(StreamKey key, ResumeTokenStore store, int maxEvents, Duration maxDelay, Duration minInterval,
      Executor writer, EngineClock clock) {
    this.key = key;
    this.store = store;
    this.writer = writer;
    this.maxEvents = maxEvents;
    this.maxDelayNanos = maxDelay.toNanos();
    this.minIntervalNanos = Math.min(minInterval.toNanos(), maxDelayNanos);
    this.clock = clock;
    this.lastSaveNanos = clock.nanoTime();
    this.lastWrittenNanos = lastSaveNanos;
  }

  /** The position of the stored token, as the engine starts with it. */
  void loaded(BsonDocument token) {
    this.saved = token;
    this.storable = token;
  }

  /**
   * A new stream's start, fixed: stored at once rather than with the first batch, so that a stream stopped
   * before its first checkpoint resumes where it started instead of from a later "now".
   */
  void startedAt(BsonDocument position) {
    if (store == null) {
      return;
    }
    collectSave();
    if (storable == null) {
      storable = position;
    }
    if (saving == null) {
      startSave(position);
    }
  }

  /** An event was delivered; {@code pending} holds the stages of its asynchronous receivers. */
  void delivered(BsonDocument token, List<CompletionStage<?>> pending) {
    eventsSinceSave++;
    if (pending.isEmpty() && inFlight.isEmpty()) {
      storable = token;
      return;
    }
    CompletableFuture<?> done = pending.isEmpty() ? null
        : pending.size() == 1 ? pending.get(0).toCompletableFuture()
        : CompletableFuture.allOf(pending.stream().map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new));
    inFlight.add(new Pending(token, done));
  }

  /** The cursor's post-batch position on a quiet stream: nothing more to deliver before it. */
  void reached(BsonDocument token) {
    if (inFlight.isEmpty()) {
      storable = token;
    } else {
      inFlight.add(new Pending(token, null));
    }
  }

  /**
   * Stores the position if a batch is full or due: hands the newest storable position to the writer. While a save
   * is in flight no other starts, so a slow store simply gets fewer, later saves and the stream never waits.
   */
  void maybeSave() {
    if (store == null) {
      return;
    }
    collectSave();
    long sinceSave = clock.nanoTime() - lastSaveNanos;
    if (saving != null
        || (sinceSave < maxDelayNanos && (eventsSinceSave < maxEvents || sinceSave < minIntervalNanos))) {
      return; // a save is in flight, or none is due: the common case, decided before comparing tokens
    }
    advance();
    if (storable != null && (!storable.equals(saved) || clock.nanoTime() - lastWrittenNanos >= refreshNanos)) {
      startSave(storable);
    }
  }

  private void collectSave() {
    if (saving != null && saving.isDone()) {
      if (saving.join()) {
        saved = savingToken;
      }
      saving = null;
    }
  }

  private void startSave(BsonDocument token) {
    // also after a failure: the next attempt waits for the next batch instead of coming with every event
    eventsSinceSave = 0;
    lastSaveNanos = clock.nanoTime();
    if (writer != null) {
      try {
        savingToken = token;
        saving = CompletableFuture.supplyAsync(() -> write(token), writer);
        return;
      } catch (RejectedExecutionException e) {
        saving = null; // the writer is closed: save here
      }
    }
    if (write(token)) {
      saved = token;
    }
  }

  /** At shutdown: waits (bounded) for asynchronous receivers, then stores the last storable position. */
  void flush(Duration asyncWait) {
    if (store == null) {
      return;
    }
    long deadline = System.nanoTime() + asyncWait.toNanos();
    while (!inFlight.isEmpty()) {
      Pending head = inFlight.peek();
      if (head.done != null) {
        try {
          head.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          StreamMessages.asyncUnfinishedAtShutdown(key);
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (ExecutionException e) {
          // an asynchronous receiver did not complete normally: its event comes again after the restart
          StreamMessages.asyncFailedAtShutdown(key);
          break;
        }
      }
      storable = head.token;
      inFlight.poll();
    }
    if (saving != null) {
      try {
        saving.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // stored or not, the last position is written below, after it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      collectSave();
      saving = null;
    }
    if (storable != null && !storable.equals(saved) && write(storable)) {
      saved = storable;
    }
  }

  private void advance() {
    while (!inFlight.isEmpty()) {
      Pending head = inFlight.peek();
      if (head.done != null && !head.done.isDone()) {
        return;
      }
      storable = head.token;
      inFlight.poll();
    }
  }

  /** Writes a position, on the writer or at shutdown; true if it is stored. */
  private boolean write(BsonDocument token) {
    try {
      if (claim != null && claim.isHeldByAnother()) {
        return false; // another engine claims this instance id: its positions are not ours to overwrite
      }
      if (fence != null) {
        Lease lease = fence.current();
        if (lease == null || !fence.leases().saveFenced(key, token, lease)) {
          StreamMessages.fencedOut(key, lease);
          return false;
        }
      } else {
        store.save(key, token);
      }
      saves.incrementAndGet();
      lastSavedAt = Instant.now();
      lastWrittenNanos = clock.nanoTime();
      if (failing.compareAndSet(true, false)) {
        StreamMessages.checkpointsStoredAgain(key);
      }
      return true;
    } catch (RuntimeException e) {
      if (failing.compareAndSet(false, true)) {
        StreamMessages.checkpointFailed(key, e);
      }
      return false;
    }
  }

  /**
   * Guards the saves: a {@code Delivery.ONE_INSTANCE} stream's by its lease, whose epoch fences them; an
   * {@code EACH_INSTANCE} stream's by the claim on this engine's instance id. Either may be null. Before the
   * stream starts.
   */
  void guardedBy(StreamLease fence, StreamLease claim) {
    this.fence = fence;
    this.claim = claim;
  }

  /** Saves an unchanged position again after {@code period}, so the store sees the instance alive. */
  void refreshEvery(Duration period) {
    this.refreshNanos = period.toNanos();
  }

  /** For the benchmarks' warm-up ({@link EventReplay}) only: the watcher's thread must be stopped. */
  void replaceStore(ResumeTokenStore replacement) {
    this.store = replacement;
  }

  /** The store, or null for a stream that keeps no position. */
  ResumeTokenStore store() {
    return store;
  }

  StreamKey key() {
    return key;
  }

  /** When a position was last stored. */
  Optional<Instant> lastSavedAt() {
    return Optional.ofNullable(lastSavedAt);
  }

  /** How many positions were stored. */
  long saves() {
    return saves.get();
  }
}
