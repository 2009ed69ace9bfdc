package dev.modelchange.engine;

import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import dev.modelchange.CollectionName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonReader;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.annotations.BsonCreator;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelNamespacesTest {
  static class Book {}

  static class BlogPost {}

  static class Person {}

  static class Category {}

  static class HTTPRequest {}

  @CollectionName("library")
  static class Named {}

  @Test
  void theEsixConventionPluralisesTheKebabCasedName() {
    assertThat(ModelNamespaces.defaultCollectionName(Book.class)).isEqualTo("books");
    assertThat(ModelNamespaces.defaultCollectionName(BlogPost.class)).isEqualTo("blog-posts");
    // evo-inflector says "persons" where Esix's JavaScript inflector says "people": name such a model with
    // @CollectionName when it must match a collection Esix created
    assertThat(ModelNamespaces.defaultCollectionName(Person.class)).isEqualTo("persons");
    assertThat(ModelNamespaces.defaultCollectionName(Category.class)).isEqualTo("categories");
    assertThat(ModelNamespaces.defaultCollectionName(HTTPRequest.class)).isEqualTo("http-requests");
    assertThat(ModelNamespaces.defaultCollectionName(Named.class)).isEqualTo("library");
  }

  @Test
  void configurationOverridesBoth() {
    Map<String, String> config = Map.of(
        ConfigKeys.MONGODB_DATABASE, "app",
        ConfigKeys.modelCollection(Named.class.getName()), "archive",
        ConfigKeys.modelDatabase(Named.class.getName()), "cold");
    ModelNamespaces ns = new ModelNamespaces(EngineSettings.from(k -> Optional.ofNullable(config.get(k))));
    assertThat(ns.namespaceOf(Named.class).getFullName()).isEqualTo("cold.archive");
    assertThat(ns.namespaceOf(Book.class).getFullName()).isEqualTo("app.books");
  }

  @Test
  void aMissingDatabaseNamesTheKeysToSet() {
    ModelNamespaces ns = new ModelNamespaces(EngineSettings.defaults());
    assertThatThrownBy(() -> ns.namespaceOf(Book.class)).hasMessageContaining(ConfigKeys.MONGODB_DATABASE)
        .hasMessageContaining(Book.class.getName());
  }

  @Test
  void jdkTypesAndInnerClassesAreNotModels() {
    assertThat(ModelNamespaces.whyNotMappable(String.class)).isPresent();
    assertThat(ModelNamespaces.whyNotMappable(int.class)).isPresent();
    assertThat(ModelNamespaces.whyNotMappable(Book.class)).isEmpty();
  }

  public static class Pojo {
    public String title;
  }

  public record Line(String text, int number) {}

  public static class Created {
    private final int number;

    @BsonCreator
    public Created(@BsonProperty("number") int number) {
      this.number = number;
    }

    public int getNumber() {
      return number;
    }
  }

  public static class NoConstructor {
    private final String title;

    public NoConstructor(String title) {
      this.title = title;
    }

    public String getTitle() {
      return title;
    }
  }

  public static class Bare {}

  public record WithBare(String title, Bare bare) {}

  public static class BadCreator {
    private final String title;

    @BsonCreator
    public BadCreator(String title) {
      this.title = title;
    }

    public String getTitle() {
      return title;
    }
  }

  private static final CodecRegistry DEFAULT_CODECS =
      ModelNamespaces.defaultCodecs(MongoClientSettings.getDefaultCodecRegistry());

  @Test
  void pojosRecordsAndBsonCreatorsAreDecodable() {
    for (Class<?> model : List.of(Pojo.class, Line.class, Created.class)) {
      assertThat(ModelNamespaces.whyNotDecodable(model, DEFAULT_CODECS)).as(model.getName()).isEmpty();
    }
  }

  static Stream<Arguments> undecodable() {
    return Stream.of(
        Arguments.of(NoConstructor.class, "has neither a public no-argument constructor nor a @BsonCreator",
            "add a public no-argument constructor, or annotate a constructor with @BsonCreator"),
        Arguments.of(Bare.class, "has no codec in the codec registry", "provide a CodecRegistry bean"),
        Arguments.of(WithBare.class, Bare.class.getName(), "provide a CodecRegistry bean"),
        Arguments.of(BadCreator.class, "must be annotated with a @BsonProperty", "provide a CodecRegistry bean"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("undecodable")
  void aModelTheCodecsCannotBuildIsNamedWithTheCauseAndTheFix(Class<?> model, String cause, String fix) {
    assertThat(ModelNamespaces.whyNotDecodable(model, DEFAULT_CODECS)).hasValueSatisfying(why ->
        assertThat(why).startsWith(model.getName() + " ").contains(cause).contains(fix));
  }

  @Test
  void aCodecOfTheApplicationsOwnIsTrusted() {
    Codec<NoConstructor> codec = new Codec<>() {
      @Override
      public NoConstructor decode(BsonReader reader, DecoderContext context) {
        return new NoConstructor(reader.readString());
      }

      @Override
      public void encode(BsonWriter writer, NoConstructor value, EncoderContext context) {
        writer.writeString(value.getTitle());
      }

      @Override
      public Class<NoConstructor> getEncoderClass() {
        return NoConstructor.class;
      }
    };
    CodecRegistry own = CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(codec), DEFAULT_CODECS);

    assertThat(ModelNamespaces.whyNotDecodable(NoConstructor.class, own)).isEmpty();
  }
}
