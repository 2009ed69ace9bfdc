package dev.modelchange;

import com.mongodb.client.MongoClient;
import dev.modelchange.spi.ResumeTokenStore;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Makes the {@link ModelChanges} that {@link ModelChanges#builder()} builds, so that the API does not depend on
 * the engine that runs it. The library registers its own through {@link java.util.ServiceLoader}; a runtime
 * needs none of its own.
 */
public interface ModelChangesProvider {
  /**
   * Makes and starts an instance.
   *
   * @param config {@code modelchange.*} configuration values by key
   * @param client the connection to reuse, or null to make one from {@code modelchange.mongodb.uri}
   * @param store where durable listeners keep their position, or null for the configured store
   * @param threads makes the streams' threads, or null for daemon threads
   * @param codecs decodes documents into models, or null for the client's registry plus automatic POJO codecs
   * @throws dev.modelchange.InvalidSettingException naming every configuration key whose value is invalid
   */
  ModelChanges create(Map<String, String> config, MongoClient client, ResumeTokenStore store, ThreadFactory threads,
      CodecRegistry codecs);
}
