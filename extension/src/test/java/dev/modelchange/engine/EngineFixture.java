package dev.modelchange.engine;

import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.FullDocument;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * An engine on a fresh in-JVM MongoDB with one observer of {@code test.items} (documents as BsonDocument), recording
 * what it delivers and reports.
 */
final class EngineFixture implements AutoCloseable {
  static final StreamKey KEY = new StreamKey("default", "test-instance", "test", "items", "default");

  final MongoServer server = new MongoServer(new MemoryBackend());
  final MongoClient client;
  final MongoCollection<Document> items;
  final List<ChangeEvent<?>> delivered = new CopyOnWriteArrayList<>();
  final List<ChangeStreamGap> gaps = new CopyOnWriteArrayList<>();
  final List<ChangeStreamFailure> failures = new CopyOnWriteArrayList<>();
  final Map<String, String> config = new HashMap<>();
  Consumer<ChangeEvent<?>> observer = e -> { };
  /** The model of the one observer; BsonDocument takes any document. */
  Class<?> modelType = BsonDocument.class;
  /** Where the observer runs when it is asynchronous; null for a synchronous observer. */
  Executor async;
  /** Whether {@link #delivered} keeps every event; a test of memory turns it off, so that the list holds none. */
  boolean keepDelivered = true;
  ChangeStreamEngine engine;
  EngineClock clock = EngineClock.SYSTEM;

  EngineFixture() {
    server.enableOplog();
    server.bind("127.0.0.1", 0);
    client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()
        + "/?serverSelectionTimeoutMS=2000");
    items = client.getDatabase("test").getCollection("items");
    config.put(ConfigKeys.MONGODB_DATABASE, "test");
    config.put(ConfigKeys.modelCollection(BsonDocument.class.getName()), "items");
    config.put(ConfigKeys.STARTUP_TIMEOUT, "5s");
    config.put(ConfigKeys.INSTANCE_ID, "test-instance");
  }

  ChangeStreamEngine start(ResumeTokenStore store, CursorOpener opener) {
    EngineSettings settings = EngineSettings.from(k -> Optional.ofNullable(config.get(k)));
    engine = new ChangeStreamEngine(settings, client, null, store, null, new IncidentReporter() {
      @Override
      public void failure(ChangeStreamFailure failure) {
        failures.add(failure);
      }

      @Override
      public void gap(ChangeStreamGap gap) {
        gaps.add(gap);
      }
    }, List.of(), opener, clock);
    ObserverDescriptor observerDescriptor = ObserverDescriptor.of("test#items", "Test.items(ChangeEvent)",
        modelType, List.of(), "", FullDocument.DEFAULT, async != null, 0);
    engine.start(List.of(observerDescriptor), (o, e) -> {
      if (async != null) {
        return CompletableFuture.runAsync(() -> {
          if (keepDelivered) {
            delivered.add(e);
          }
          observer.accept(e);
        }, async);
      }
      if (keepDelivered) {
        delivered.add(e);
      }
      observer.accept(e);
      return null;
    });
    return engine;
  }

  List<String> deliveredIds() {
    return delivered.stream().map(ChangeEvent::id).toList();
  }

  static long watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("modelchange-test.items")).count();
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
    client.close();
    server.shutdownNow();
  }
}
