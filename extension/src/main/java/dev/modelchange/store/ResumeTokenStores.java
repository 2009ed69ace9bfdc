package dev.modelchange.store;

import com.mongodb.client.MongoClient;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.InvalidSettingException;
import dev.modelchange.spi.ResumeTokenStore;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
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
      case "jdbc": {
        // 1. a JNDI name, 2. the application's DataSource bean, 3. a URL with user and password
        Optional<String> jndiName = settings.jdbcDatasource();
        if (jndiName.isPresent()) {
          Object found;
          try {
            found = new InitialContext().lookup(jndiName.get());
          } catch (NamingException | RuntimeException e) {
            throw new InvalidSettingException(ConfigKeys.RESUME_TOKEN_JDBC_DATASOURCE, jndiName.get(),
                "the JNDI name of a javax.sql.DataSource, but the lookup failed (" + e + ")");
          }
          if (!(found instanceof DataSource)) {
            throw new InvalidSettingException(ConfigKeys.RESUME_TOKEN_JDBC_DATASOURCE, jndiName.get(),
                "the JNDI name of a javax.sql.DataSource, but it names "
                    + (found == null ? "null" : "a " + found.getClass().getName()));
          }
          return Optional.of(new JdbcResumeTokenStore((DataSource) found, settings.jdbcTable()));
        }
        if (dataSource != null) {
          return Optional.of(new JdbcResumeTokenStore(dataSource, settings.jdbcTable()));
        }
        if (settings.jdbcUrl().isPresent()) {
          try {
            return Optional.of(JdbcResumeTokenStore.forUrl(settings.jdbcUrl().get(),
                settings.jdbcUser().orElse(null), settings.jdbcPassword().orElse(null), settings.jdbcTable()));
          } catch (IllegalArgumentException e) {
            // never echo the URL: it may hold a password
            throw new InvalidSettingException(ConfigKeys.RESUME_TOKEN_JDBC_URL, "(hidden)",
                "a JDBC URL whose driver is on the class path: " + e.getMessage());
          }
        }
        throw new InvalidSettingException(ConfigKeys.RESUME_TOKEN_JDBC_URL, "",
            "a JDBC URL, because " + ConfigKeys.RESUME_TOKEN_STORE + "=jdbc needs a database and none is given. "
                + "Either set " + ConfigKeys.RESUME_TOKEN_JDBC_DATASOURCE + " to the JNDI name of a DataSource, "
                + "or give the application a javax.sql.DataSource bean, or set " + ConfigKeys.RESUME_TOKEN_JDBC_URL
                + " (with " + ConfigKeys.RESUME_TOKEN_JDBC_USER + " and " + ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD
                + " when the database needs them)");
      }
      default:
        if (settings.database() == null) {
          throw new dev.modelchange.InvalidSettingException(ConfigKeys.MONGODB_DATABASE, "",
              "a database for the resume-token collection, because " + ConfigKeys.MONGODB_URI + " names none");
        }
        return Optional.of(new MongoResumeTokenStore(client.getDatabase(settings.database())
            .getCollection(settings.resumeTokenCollection(), BsonDocument.class), settings.instanceExpireAfter()));
    }
  }
}
