package dev.modelchange.cdi;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import dev.modelchange.engine.ModelNamespaces;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Whether the codecs that will decode the models are known before the engine starts. The engine decodes with the
 * application's {@code CodecRegistry} bean, else with its {@code MongoClient} bean's registry (plus POJOs), else
 * with the default codecs: only in the last case can discovery check decoding, without opening anything.
 */
final class ApplicationCodecs {
  /** The bean types that decide the codecs: the first of them the application has wins. */
  private static final List<Class<?>> DECIDING = List.of(CodecRegistry.class, MongoClient.class);

  private ApplicationCodecs() {}

  /** The simple name of the first type of {@link #DECIDING} that a bean of these types has, if any. */
  static Optional<String> of(Set<Type> beanTypes) {
    return DECIDING.stream().filter(beanTypes::contains).map(Class::getSimpleName).findFirst();
  }

  /** The simple name of the first type of {@link #DECIDING} that the application has a bean of, if any. */
  static Optional<String> of(Instance<Object> lookup) {
    return DECIDING.stream().filter(type -> !lookup.select(type).isUnsatisfied()).map(Class::getSimpleName)
        .findFirst();
  }

  /** The codecs when the application has no bean of {@link #DECIDING}: the engine's client is a default one. */
  static CodecRegistry defaults() {
    return ModelNamespaces.defaultCodecs(MongoClientSettings.getDefaultCodecRegistry());
  }
}
