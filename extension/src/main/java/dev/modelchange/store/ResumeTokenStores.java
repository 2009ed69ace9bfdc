package dev.modelchange.store;

import com.mongodb.client.MongoClient;
import dev.modelchange.engine.ConfigKeys;
import dev.modelchange.engine.EngineSettings;
import dev.modelchange.spi.ResumeTokenStore;
import java.util.Optional;
import javax.sql.DataSource;
import org.bson.BsonDocument;

/** Makes the store that {@code modelchange.resume-token.store} names. */
public final class ResumeTokenStores {
  private ResumeTokenStores() {}

  /**
   * The configured store; empty for {@code none}.
   *
   * @param dataSource the application's data source for {@code jdbc}, or null to use the configured one
   */
  public static Optional<ResumeTokenStore> fromSettings(
      EngineSettings settings, MongoClient client, DataSource dataSource) {
    switch (settings.resumeTokenStore()) {
      case "none":
        return Optional.empty();
      case "memory":
        return Optional.of(new InMemoryResumeTokenStore());
      case "jdbc":
        throw new IllegalArgumentException("MODELCHANGE-021 " + ConfigKeys.RESUME_TOKEN_STORE
            + "=jdbc is not available yet");
      default:
        if (settings.database() == null) {
          throw new dev.modelchange.engine.InvalidSettingException(ConfigKeys.MONGODB_DATABASE, "",
              "a database for the resume-token collection, because " + ConfigKeys.MONGODB_URI + " names none");
        }
        return Optional.of(new MongoResumeTokenStore(client.getDatabase(settings.database())
            .getCollection(settings.resumeTokenCollection(), BsonDocument.class)));
    }
  }
}
