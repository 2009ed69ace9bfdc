package dev.modelchange.engine;

import com.mongodb.client.MongoClient;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Makes an engine's watchers, each with its key, position, checkpointer and, for a {@code ONE_INSTANCE} stream,
 * its lease; and owns what they share: the checkpoint writer (one thread, so that no stream waits for its store;
 * it starts with the first save) and the engine's membership of its group.
 */
final class WatcherFactory implements AutoCloseable {
  private final EngineSettings settings;
  private final MongoClient client;
  private final CodecRegistry codecs;
  private final IncidentReporter reporter;
  private final CursorOpener opener;
  private final EngineClock clock;
  private final GroupMembership membership;
  private final ExecutorService checkpointWriter;

  WatcherFactory(EngineSettings settings, MongoClient client, CodecRegistry codecs, ResumeTokenStore store,
      ThreadFactory threads, IncidentReporter reporter, CursorOpener opener, EngineClock clock) {
    this.settings = settings;
    this.client = client;
    this.codecs = codecs;
    this.reporter = reporter;
    this.opener = opener;
    this.clock = clock;
    this.membership = new GroupMembership(settings, store, threads);
    this.checkpointWriter = Executors.newSingleThreadExecutor(
        r -> EngineThreads.named(threads, r, "modelchange-checkpoint-writer"));
  }

  GroupMembership membership() {
    return membership;
  }

  /**
   * A watcher of {@code shape}, not started.
   *
   * @param store where it keeps its position; null for none
   * @throws IllegalStateException (MODELCHANGE-086) for a {@code ONE_INSTANCE} stream without leases
   */
  CollectionWatcher create(StreamShape shape, Class<?> modelType, ResumeTokenStore store, List<ChangeSink> sinks) {
    StreamKey key = membership.keyOf(shape);
    ResumeTokenStore kept = membership.storeFor(shape, store);
    StreamSource source = new StreamSource(shape, client.getDatabase(shape.namespace().getDatabaseName()),
        modelType, codecs, opener, client::getClusterDescription);
    StreamPosition position = new StreamPosition(kept, key, settings.startAt(), source::serverTime);
    Checkpointer checkpointer = new Checkpointer(key, kept, settings.checkpointMaxEvents(),
        settings.checkpointMaxDelay(), settings.checkpointMinInterval(), checkpointWriter, clock);
    CollectionWatcher watcher = new CollectionWatcher(source, key, position, settings, reporter, sinks,
        checkpointer, clock);
    membership.guard(watcher, key, "The stream " + shape);
    return watcher;
  }

  /** After the watchers stopped: lets the last saves finish, then gives up the engine's leases. */
  @Override
  public void close() {
    membership.close();
    Duration timeout = Duration.ofSeconds(5);
    checkpointWriter.shutdown();
    try {
      if (!checkpointWriter.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        EngineMessages.writerDidNotStop();
        checkpointWriter.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
