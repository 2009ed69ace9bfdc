package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import dev.modelchange.CollectionName;
import dev.modelchange.InvalidSettingException;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Optional;
import org.atteo.evo.inflector.English;

/**
 * Where a model's changes come from: its database and collection. The collection is, in order, the
 * configuration key {@code modelchange.model."<class>".collection}, {@link CollectionName}, or the Esix
 * convention: the plural of the kebab-cased simple name ({@code BlogPost} to {@code blog-posts}). Also says, without
 * configuration, why a class cannot be a model: {@link #whyNotMappable}.
 */
public final class ModelNamespaces {
  private final EngineSettings settings;

  public ModelNamespaces(EngineSettings settings) {
    this.settings = settings;
  }

  /**
   * The namespace of a model.
   *
   * @throws InvalidSettingException when no database is configured for it
   */
  public MongoNamespace namespaceOf(Class<?> model) {
    String collection = settings.lookup(ConfigKeys.modelCollection(model.getName()))
        .orElseGet(() -> defaultCollectionName(model));
    String database = settings.lookup(ConfigKeys.modelDatabase(model.getName())).orElse(settings.database());
    if (database == null) {
      throw new InvalidSettingException(ConfigKeys.MONGODB_DATABASE, "",
          "a database name, because " + ConfigKeys.MONGODB_URI + " names none (needed for model "
              + model.getName() + "; or set " + ConfigKeys.modelDatabase(model.getName()) + ")");
    }
    return new MongoNamespace(database, collection);
  }

  /** The collection name from {@link CollectionName} or the naming convention, without configuration. */
  public static String defaultCollectionName(Class<?> model) {
    CollectionName annotation = model.getAnnotation(CollectionName.class);
    if (annotation != null) {
      return annotation.value();
    }
    return English.plural(kebabCase(model.getSimpleName()));
  }

  /** {@code BlogPost} to {@code blog-post}, {@code HTTPRequest} to {@code http-request}. */
  static String kebabCase(String name) {
    return name.replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Why a class cannot be a model, checked at deployment without configuration; empty when it can be one. The
   * reason names the class and ends with the fix, without a final period.
   */
  public static Optional<String> whyNotMappable(Class<?> model) {
    if (model.isPrimitive() || model.isArray() || model.isAnnotation() || model.isEnum()) {
      return Optional.of(model.getName() + " is not a document class (primitive, array, enum or annotation); "
          + "use a POJO or record class as the model");
    }
    if (model.isAnonymousClass() || model.isLocalClass() || model.isSynthetic()) {
      return Optional.of(model.getName() + " is anonymous or local and has no stable collection name; "
          + "declare the model as a top-level or static nested class");
    }
    if (model.isMemberClass() && !Modifier.isStatic(model.getModifiers()) && !model.isInterface()) {
      return Optional.of(model.getName() + " is an inner (non-static) class, which the driver cannot create; "
          + "make it a static nested or top-level class");
    }
    if (model.getName().startsWith("java.")) {
      return Optional.of(model.getName() + " is a JDK type, not a model class; use a POJO or record class as the "
          + "model");
    }
    CollectionName annotation = model.getAnnotation(CollectionName.class);
    if (annotation != null) {
      String name = annotation.value();
      if (name.isEmpty() || name.contains("$") || name.indexOf('\0') >= 0 || name.startsWith("system.")) {
        return Optional.of("@CollectionName(\"" + name + "\") on " + model.getName()
            + " is not a valid collection name (empty, contains '$' or NUL, or starts with 'system.'); "
            + "choose another name");
      }
    }
    return Optional.empty();
  }
}
