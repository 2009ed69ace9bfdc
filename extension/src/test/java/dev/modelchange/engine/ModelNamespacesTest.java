package dev.modelchange.engine;

import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelchange.CollectionName;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
