package dev.modelchange.runtime;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.modelchange.engine.ChangeStreamEngine;
import dev.modelchange.engine.IncidentReporter;
import dev.modelchange.ModelChanges;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.ModelChangesProvider;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.store.ResumeTokenStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Puts an engine together from what the application gives and what the settings say; the CDI runtime and
 * {@link ModelChanges#builder()} (through {@link ModelChangesProvider}) both use it.
 */
public final class EngineAssembly implements ModelChangesProvider {

  /** For {@link java.util.ServiceLoader}. */
  public EngineAssembly() {}

  @Override
  public ModelChanges create(Map<String, String> config, MongoClient client, ResumeTokenStore store,
      ThreadFactory threads, CodecRegistry codecs) {
    EngineSettings settings = EngineSettings.from(key -> Optional.ofNullable(config.get(key)), config.keySet());
    ChangeStreamEngine engine = assemble(settings, client, store,
        c -> ResumeTokenStores.fromSettings(settings, c, null), codecs, threads, null);
    engine.start(List.of(), null);
    return engine;
  }

  /**
   * Makes an engine (it starts nothing) from what the application gives, creating the rest from the settings:
   * without a client, one from {@code modelchange.mongodb.uri}; without a store, the configured one. What it
   * creates, the engine owns and closes. When ModelChange is disabled, it creates nothing.
   *
   * @param client the application's client, or null
   * @param store the application's store, or null
   * @param configuredStore makes the configured store for a client; empty for {@code none}
   */
  public static ChangeStreamEngine assemble(EngineSettings settings, MongoClient client, ResumeTokenStore store,
      Function<MongoClient, Optional<ResumeTokenStore>> configuredStore, CodecRegistry codecs, ThreadFactory threads,
      IncidentReporter reporter) {
    List<AutoCloseable> owned = new ArrayList<>();
    MongoClient c = client;
    ResumeTokenStore s = store;
    if (settings.enabled()) {
      if (c == null) {
        c = MongoClients.create(new ConnectionString(settings.mongodbUri()));
        owned.add(c);
      }
      if (s == null) {
        try {
          s = configuredStore.apply(c).orElse(null);
        } catch (RuntimeException e) {
          if (c != client) {
            c.close();
          }
          throw e;
        }
        if (s != null) {
          owned.add(0, s);
        }
      }
    }
    return new ChangeStreamEngine(settings, c, codecs, s, threads, reporter, owned);
  }
}
