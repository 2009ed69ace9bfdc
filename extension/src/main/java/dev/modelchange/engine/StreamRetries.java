package dev.modelchange.engine;

import dev.modelchange.StreamState;
import dev.modelchange.settings.EngineSettings;
import java.time.Instant;

/**
 * A stream's series of failures: the first is logged and reported, later ones at DEBUG; each waits with backoff;
 * and the series ends only once the stream has delivered or read past an event, so a cursor that opens and fails
 * at once keeps backing off instead of reopening in a loop. The watcher's thread only.
 */
final class StreamRetries {
  private final Object shape;
  private final Backoff backoff;
  private final StreamLifecycle life;
  private final StreamStats stats;
  private final StreamIncidents incidents;
  private boolean failing;

  StreamRetries(Object shape, EngineSettings settings, StreamLifecycle life, StreamStats stats,
      StreamIncidents incidents) {
    this.shape = shape;
    this.backoff = new Backoff(settings.retryInitialDelay(), settings.retryMaxDelay(), settings.retryMultiplier(),
        settings.retryJitter());
    this.life = life;
    this.stats = stats;
    this.incidents = incidents;
  }

  /**
   * Waits with backoff before the stream reopens.
   *
   * @param logged whether the failure was logged and reported already (an error on the worker)
   */
  void retryAfter(Throwable e, boolean logged) {
    stats.failedAttempts.incrementAndGet();
    stats.failed(e, Instant.now());
    life.moveTo(StreamState.RETRYING);
    if (!failing) {
      failing = true;
      if (!logged) {
        StreamMessages.streamFailed(shape, e);
        incidents.failed(e);
      }
    } else if (!logged) {
      StreamMessages.streamFailedAgain(shape, e);
    }
    life.sleep(backoff.next().toMillis());
  }

  /** An unexpected error on the worker: logged as an error and reported, then the stream reopens with backoff. */
  void afterCrash(Throwable e) {
    StreamMessages.workerCrashed(shape, e);
    incidents.failed(e);
    retryAfter(e, true);
  }

  /** A failure that retrying cannot mend (a malformed pipeline): logged and reported; returns true, to fail. */
  boolean cannotRetry(Throwable e) {
    stats.failed(e, Instant.now());
    StreamMessages.malformedPipeline(shape, e);
    incidents.failed(e);
    return true;
  }

  /** The stream delivered or read past an event: a failure series, if any, is over. */
  void progressed() {
    if (failing) {
      failing = false;
      backoff.reset();
      StreamMessages.openAgain(shape, stats.failedAttempts.get());
    }
  }
}
