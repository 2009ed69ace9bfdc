package dev.modelchange.engine;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoNamespace;
import dev.modelchange.CollectionName;
import dev.modelchange.InvalidSettingException;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Optional;
import org.atteo.evo.inflector.English;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.ClassModel;
import org.bson.codecs.pojo.ClassModelBuilder;
import org.bson.codecs.pojo.PojoCodecProvider;

/**
 * Where a model's changes come from: its database and collection. The collection is, in order, the
 * configuration key {@code modelchange.model."<class>".collection}, {@link CollectionName}, or the Esix
 * convention: the plural of the kebab-cased simple name ({@code BlogPost} to {@code blog-posts}). Also says, without
 * configuration or connection, why a class cannot be a model: {@link #whyNotMappable}, {@link #whyNotDecodable}.
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

  /**
   * The codecs that decode models when the application gives no {@code CodecRegistry}: the client's, then the
   * driver's POJO codecs for any other class.
   *
   * @param clientCodecs the client's registry; {@link MongoClientSettings#getDefaultCodecRegistry()} for a client
   *     made with the default settings
   */
  public static CodecRegistry defaultCodecs(CodecRegistry clientCodecs) {
    return CodecRegistries.fromRegistries(clientCodecs,
        CodecRegistries.fromProviders(PojoCodecProvider.builder().automatic(true).build()));
  }

  /**
   * Why {@code codecs} cannot decode documents into a model, as far as can be told without a document, a connection
   * or configuration; empty when they can. Finds a model the registry has no codec for (a class without properties,
   * a record with a component of such a type, a {@code @BsonCreator} the driver rejects), and a model the driver's
   * POJO codec has a codec for but cannot create (a concrete class with neither a public no-argument constructor
   * nor a {@code @BsonCreator}), which would fail on every event. A codec of the application's own is trusted. The
   * reason names the class and ends with the fix, without a final period.
   */
  public static Optional<String> whyNotDecodable(Class<?> model, CodecRegistry codecs) {
    Codec<?> codec;
    try {
      codec = codecs.get(model);
    } catch (CodecConfigurationException e) {
      return Optional.of(model.getName() + " has no codec in the codec registry: " + whyNoPojoCodec(model, e)
          + " Give it properties (getters and setters, or public fields), make it a record of such types, "
          + "or provide a CodecRegistry bean with a codec for it");
    }
    if (isDriverPojoCodec(codec) && !pojoCodecCanCreate(model)) {
      return Optional.of(model.getName() + " has neither a public no-argument constructor nor a @BsonCreator "
          + "constructor or factory method, so the driver's POJO codec cannot create it; add a public "
          + "no-argument constructor, or annotate a constructor with @BsonCreator and its parameters with "
          + "@BsonProperty, or provide a CodecRegistry bean with a codec for it");
    }
    return Optional.empty();
  }

  /** The driver's reason, with the POJO codec's own when it has one (the automatic provider hides it). */
  private static String whyNoPojoCodec(Class<?> model, CodecConfigurationException noCodec) {
    try {
      ClassModel.builder(model).build();
    } catch (CodecConfigurationException e) {
      return e.getMessage();
    }
    return noCodec.getMessage();
  }

  private static boolean isDriverPojoCodec(Codec<?> codec) {
    return codec.getClass().getPackageName().equals(PojoCodecProvider.class.getPackageName());
  }

  /**
   * Whether the driver's POJO codec finds a way to create the model, as it looks for one: a public no-argument
   * constructor, else a {@code @BsonCreator} constructor or static method. An abstract class or interface is left
   * to the driver (a discriminator may name its concrete classes). Calls the model's no-argument
   * {@code @BsonCreator}, if that is all it has, as decoding would.
   */
  private static boolean pojoCodecCanCreate(Class<?> model) {
    if (model.isInterface() || Modifier.isAbstract(model.getModifiers())) {
      return true;
    }
    try {
      model.getConstructor();
      return true;
    } catch (NoSuchMethodException e) {
      // look for a @BsonCreator as the driver does
    }
    try {
      ClassModelBuilder<?> builder = ClassModel.builder(model);
      builder.build();
      builder.getInstanceCreatorFactory().create();
      return true;
    } catch (CodecConfigurationException e) {
      return false;
    }
  }
}
