package dev.modelchange.engine;

import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.BsonDocument;

/**
 * Decides when a stream's position is stored. A position becomes storable only once every receiver of its event,
 * and of all earlier events, has returned (asynchronous observers: their stages completed): delivery is
 * at-least-once, without gaps. Saves are batched: after {@code max-events} delivered events or {@code max-delay},
 * whichever comes first, and at shutdown. Used by the watcher's thread only.
 */
final class Checkpointer {
  private static final Logger LOG = System.getLogger(Checkpointer.class.getName());

  private final StreamKey key;
  private final ResumeTokenStore store;
  private final int maxEvents;
  private final long maxDelayNanos;
  private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
  private BsonDocument storable;
  private BsonDocument saved;
  private int eventsSinceSave;
  private long lastSaveNanos = System.nanoTime();
  private boolean failing;
  private long saves;

  private record Pending(BsonDocument token, CompletableFuture<?> done) {}

  /**
   * @param store null for a stream that keeps no position
   */
  Checkpointer(StreamKey key, ResumeTokenStore store, int maxEvents, Duration maxDelay) {
    this.key = key;
    this.store = store;
    this.maxEvents = maxEvents;
    this.maxDelayNanos = maxDelay.toNanos();
  }

  /** The position of the stored token, as the engine starts with it. */
  void loaded(BsonDocument token) {
    this.saved = token;
    this.storable = token;
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

  /** Stores the position if a batch is full or due. */
  void maybeSave() {
    if (store == null) {
      return;
    }
    if (eventsSinceSave < maxEvents && System.nanoTime() - lastSaveNanos < maxDelayNanos) {
      return; // not due: the common case, decided before comparing tokens
    }
    advance();
    if (storable != null && !storable.equals(saved)) {
      save();
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
      if (head.done != null && !head.done.isDone()) {
        try {
          head.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          LOG.log(Level.WARNING, "MODELCHANGE-052 Asynchronous observers of " + key + " did not finish at shutdown;"
              + " their events will be delivered again after the restart");
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (ExecutionException e) {
          // reported by the sink; the position may advance
        }
      }
      advance();
    }
    if (storable != null && !storable.equals(saved)) {
      save();
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

  private void save() {
    try {
      store.save(key, storable);
      saved = storable;
      saves++;
      if (failing) {
        failing = false;
        LOG.log(Level.INFO, "MODELCHANGE-053 Checkpoints of " + key + " are stored again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.log(Level.ERROR, "MODELCHANGE-050 Could not store the position of " + key + "; delivery goes on "
            + "and the checkpoint is retried. Until it succeeds, a restart redelivers changes since the last "
            + "stored position. Check the resume-token store.", e);
      }
    } finally {
      // also after a failure: the next attempt waits for the next batch instead of coming with every event
      eventsSinceSave = 0;
      lastSaveNanos = System.nanoTime();
    }
  }

  /** The store, or null for a stream that keeps no position. */
  ResumeTokenStore store() {
    return store;
  }

  StreamKey key() {
    return key;
  }

  /** How many positions were stored. */
  long saves() {
    return saves;
  }
}
