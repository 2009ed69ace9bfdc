package dev.modelchange.sample;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The embedded default: when the configuration names no MongoDB ({@code quarkus.mongodb.connection-string} or
 * {@code quarkus.mongodb.hosts}, from any source: application.properties, environment, system properties, a
 * test resource), adds a source of {@code quarkus.mongodb.connection-string} that starts {@link EmbeddedMongo}
 * when the value is first read, which is when Quarkus configures its MongoDB client. Its ordinal is below every
 * standard source, so a value given anywhere else wins even over a running demo server.
 *
 * <p>{@code sample.embedded-mongodb.port} chooses the demo server's port (default 0: a free one).
 */
public class EmbeddedMongoConfigSourceFactory implements ConfigSourceFactory {
  static final String CONNECTION_STRING = "quarkus.mongodb.connection-string";
  static final String HOSTS = "quarkus.mongodb.hosts";
  static final String PORT = "sample.embedded-mongodb.port";

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    if (isSet(context.getValue(CONNECTION_STRING)) || isSet(context.getValue(HOSTS))) {
      return List.of();
    }
    ConfigValue port = context.getValue(PORT);
    return List.of(new EmbeddedMongoSource(isSet(port) ? Integer.parseInt(port.getValue().trim()) : 0));
  }

  /** Given by a source, not a default (Quarkus defaults {@code quarkus.mongodb.hosts} to 127.0.0.1:27017). */
  private static boolean isSet(ConfigValue value) {
    return value != null && value.getValue() != null && !value.getValue().isBlank()
        && value.getConfigSourceOrdinal() > EmbeddedMongoSource.ORDINAL;
  }

  /** Answers {@code quarkus.mongodb.connection-string} with the demo server, starting it on first use. */
  static final class EmbeddedMongoSource implements ConfigSource {
    /** Below application.properties (250), .env (295), environment (300) and system properties (400). */
    static final int ORDINAL = 10;
    private final int port;

    EmbeddedMongoSource(int port) {
      this.port = port;
    }

    /**
     * None: the value is only given when asked for by name, as Quarkus' MongoDB client configuration asks. Listed,
     * it would be read by the build, which records the values of the runtime properties it sees as defaults: the
     * build would start a server and bake its address into the application.
     */
    @Override
    public Set<String> getPropertyNames() {
      return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
      return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
      return CONNECTION_STRING.equals(propertyName) ? EmbeddedMongo.start(port) : null;
    }

    @Override
    public int getOrdinal() {
      return ORDINAL;
    }

    @Override
    public String getName() {
      return "ModelChange sample: embedded demo MongoDB";
    }
  }
}
