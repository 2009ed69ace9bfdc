package dev.modelchange.engine;

import dev.modelchange.ChangeStreamGap;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Receivers of one stream's changes: a watcher's observers, or its programmatic listeners. */
interface ChangeSink {
  /**
   * Delivers a change to the receivers that match it, on the watcher's thread, in order. A failing receiver is
   * reported and the others still run; only a JVM-fatal error ({@link StreamErrors#isFatal}) is thrown.
   *
   * @param pending where to add the stages of asynchronous receivers, so the checkpoint waits for them
   * @return whether every receiver returned normally (at shutdown, a change some receiver did not complete is
   *     not checkpointed, so that it comes again after the restart)
   */
  boolean deliver(ReceivedChange change, List<CompletionStage<?>> pending);

  /** The stream failed and is being retried (the first failure of a series). */
  default void streamFailed(Throwable failure) {}

  /** The stream has a gap. */
  default void gap(ChangeStreamGap gap) {}

  /** Whether no receiver is left. */
  boolean isEmpty();

  /** How many receivers it has. */
  int receivers();
}
