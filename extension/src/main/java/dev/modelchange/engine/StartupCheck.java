package dev.modelchange.engine;

import com.mongodb.client.MongoClient;
import dev.modelchange.StreamState;
import dev.modelchange.settings.EngineSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Waits at start-up for streams to open, and says why those that did not: MongoDB unreachable (with host, port
 * and the driver's reason), or a container that runs threads only after start-up. With
 * {@code modelchange.fail-on-start}, an unreachable MongoDB fails the start.
 */
final class StartupCheck {
  /** How long a new thread may take to begin running before we conclude that the container holds it back. */
  private static final Duration THREAD_START_WAIT = Duration.ofMillis(500);

  private StartupCheck() {}

  /**
   * Starts the watchers: every stream's position is read in parallel and fixed before its thread exists (see
   * {@link StreamPosition}); then waits for their cursors, up to {@code modelchange.startup-timeout} in all.
   */
  static void startAll(List<CollectionWatcher> watchers, ThreadFactory threads, MongoClient client,
      EngineSettings settings) {
    long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
    watchers.forEach(w -> w.readAhead(threads));
    try {
      for (CollectionWatcher w : watchers) {
        w.start(threads, deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      watchers.forEach(CollectionWatcher::requestStop);
      throw e;
    }
    awaitOpen(watchers, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), client, settings);
  }

  /** Waits up to {@code timeout} (what is left of {@code modelchange.startup-timeout}) for the cursors to open. */
  static void awaitOpen(List<CollectionWatcher> watchers, Duration timeout, MongoClient client,
      EngineSettings settings) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> late = new ArrayList<>();
    try {
      for (CollectionWatcher w : watchers) {
        // a thread that has not begun after a short wait is held back by its container, whatever is left of the
        // start-up timeout (which reading the start position may have used up)
        if (!w.life().awaitRunning(THREAD_START_WAIT)) {
          EngineMessages.threadsHeldBack();
          return;
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        StreamState state = w.life().await(left, StreamState.OPEN, StreamState.STANDBY);
        if (state != StreamState.OPEN && state != StreamState.STANDBY) { // standing by for a lease is settled
          late.add(w.shape().toString());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (late.isEmpty()) {
      return;
    }
    Optional<String[]> unreachable = MongoReachability.whyUnreachable(client);
    if (unreachable.isPresent()) {
      if (settings.failOnStart()) {
        throw EngineMessages.failOnStart(unreachable.get()[0], unreachable.get()[1]);
      }
      EngineMessages.mongodbUnreachable(unreachable.get()[0], unreachable.get()[1]);
    }
    EngineMessages.notOpenInTime(settings.startupTimeout(), late);
  }
}
