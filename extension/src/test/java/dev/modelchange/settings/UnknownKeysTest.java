package dev.modelchange.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.modelchange.testsupport.CapturedLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A misspelt key is silently not used, so each key under {@code modelchange.} that is no setting gets a warning,
 * naming the real key it most likely meant; none stops start-up.
 */
class UnknownKeysTest {

  /** Reads settings from {@code properties} as MicroProfile Config would give them, and returns the warnings. */
  private static List<String> warningsFor(Map<String, String> properties) {
    try (CapturedLog log = new CapturedLog(SettingsMessages.LOGGER)) {
      EngineSettings.from(key -> Optional.ofNullable(properties.get(key)), properties.keySet());
      return log.messagesAt(Level.WARNING);
    }
  }

  static Stream<Arguments> misspellings() {
    return Stream.of(
        arguments("modelchange.retry.maxdelay", "modelchange.retry.max-delay"),
        arguments("modelchange.retry.max_delay", "modelchange.retry.max-delay"),
        arguments("modelchange.retry.max-dealy", "modelchange.retry.max-delay"),
        arguments("modelchange.Retry.Max-Delay", "modelchange.retry.max-delay"),
        arguments("modelchange.retry.maximum-delay", "modelchange.retry.max-delay"),
        arguments("modelchange.retry.intial-delay", "modelchange.retry.initial-delay"),
        arguments("modelchange.mongo.uri", "modelchange.mongodb.uri"),
        arguments("modelchange.mongodb.url", "modelchange.mongodb.uri"),
        arguments("modelchange.resume-token.stor", "modelchange.resume-token.store"),
        arguments("modelchange.resumetoken.store", "modelchange.resume-token.store"),
        arguments("modelchange.resume-token.jdbc.tablename", "modelchange.resume-token.jdbc.table"),
        arguments("modelchange.checkpoint.maxevents", "modelchange.checkpoint.max-events"),
        arguments("modelchange.startuptimeout", "modelchange.startup-timeout"),
        arguments("modelchange.enable", "modelchange.enabled"),
        arguments("modelchange.instance.id", "modelchange.instance-id"),
        arguments("modelchange.health.enable", "modelchange.health.enabled"),
        arguments("modelchange.async.max-inflight", "modelchange.async.max-in-flight"),
        arguments("modelchange.model.com.acme.Book.collection", "modelchange.model.\"com.acme.Book\".collection"),
        arguments("modelchange.model.\"com.acme.Book\".colection", "modelchange.model.\"com.acme.Book\".collection"),
        arguments("modelchange.model.\"com.acme.Book\".db", "modelchange.model.\"com.acme.Book\".database"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("misspellings")
  void aMisspeltKeyIsWarnedAboutNamingTheNearestRealKey(String misspelt, String meant) {
    assertThat(warningsFor(Map.of(misspelt, "x"))).containsExactly("MODELCHANGE-120 The configuration key "
        + misspelt + " is not a ModelChange setting and is ignored; did you mean " + meant + "? Rename it.");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"modelchange.cache.size", "modelchange.foo", "modelchange.", "modelchange.model.x"})
  void aKeyLikeNoneIsWarnedAboutWithoutAGuess(String key) {
    assertThat(warningsFor(Map.of(key, "x"))).containsExactly("MODELCHANGE-121 The configuration key " + key
        + " is not a ModelChange setting and is ignored. Remove it, or use a key of the README's configuration "
        + "table.");
  }

  @Test
  void realKeysModelKeysAndOtherRootsAreNotWarnedAbout() {
    Map<String, String> properties = new HashMap<>();
    for (Setting<?> row : SettingsTable.all()) {
      properties.put(row.perModel() ? row.keyFor("com.acme.Book") : row.key(), row.defaultLiteral().orElse("x"));
    }
    properties.put(ConfigKeys.RETRY_MAX_DELAY, "30s");
    properties.put(ConfigKeys.modelCollection("com.acme.BlogPost"), "posts");
    properties.put("modelchange.tck.backend", "testcontainers");
    properties.put("MODELCHANGE_ENABLED", "true");
    properties.put("quarkus.mongodb.connection-string", "mongodb://h");
    properties.put("modelchangex.enabled", "true");
    properties.put("java.home", "/usr");

    assertThat(warningsFor(properties)).isEmpty();
  }

  @Test
  void theDottedNameOfAnEnvironmentVariableThatIsReadIsNotWarnedAbout() {
    // SmallRye Config lists MODELCHANGE_RETRY_MAX_DELAY as modelchange.retry.max.delay too, and resolves the real
    // key modelchange.retry.max-delay from it
    Map<String, String> listed = Map.of("MODELCHANGE_RETRY_MAX_DELAY", "5s", "modelchange.retry.max.delay", "5s");
    Map<String, String> resolved = Map.of(ConfigKeys.RETRY_MAX_DELAY, "5s");
    try (CapturedLog log = new CapturedLog(SettingsMessages.LOGGER)) {
      EngineSettings s = EngineSettings.from(key -> Optional.ofNullable(resolved.get(key)), listed.keySet());

      assertThat(s.retryMaxDelay()).hasSeconds(5);
      assertThat(log.messagesAt(Level.WARNING)).isEmpty();
    }
  }

  @Test
  void aKeySpelledAsAnotherKeysEnvironmentNameIsWarnedAboutWhenItIsNotRead() {
    // in a properties file, modelchange.retry.max_delay is not read as modelchange.retry.max-delay
    assertThat(warningsFor(Map.of("modelchange.retry.max_delay", "5s"))).singleElement().asString()
        .startsWith("MODELCHANGE-120 The configuration key modelchange.retry.max_delay ");
  }

  @Test
  void unknownKeysNeverFailStartAndEachIsWarnedAboutOnceInOrder() {
    List<String> keys = List.of("modelchange.retry.maxdelay", "modelchange.b", "modelchange.retry.maxdelay",
        "modelchange.a");
    try (CapturedLog log = new CapturedLog(SettingsMessages.LOGGER)) {
      EngineSettings s = EngineSettings.from(key -> Optional.empty(), keys);

      assertThat(s.retryMaxDelay()).hasSeconds(30);
      assertThat(log.messagesAt(Level.WARNING)).extracting(m -> m.substring(0, m.indexOf(" is not")))
          .containsExactly("MODELCHANGE-121 The configuration key modelchange.a",
              "MODELCHANGE-121 The configuration key modelchange.b",
              "MODELCHANGE-120 The configuration key modelchange.retry.maxdelay");
    }
  }

  @Test
  void theWarningComesEvenWhenAnInvalidValueFailsStart() {
    try (CapturedLog log = new CapturedLog(SettingsMessages.LOGGER)) {
      Map<String, String> properties = Map.of("modelchange.retry.maxdelay", "5s", ConfigKeys.RETRY_JITTER, "2");
      try {
        EngineSettings.from(key -> Optional.ofNullable(properties.get(key)), properties.keySet());
      } catch (dev.modelchange.InvalidSettingException expected) {
        // the jitter
      }

      assertThat(log.messagesAt(Level.WARNING)).singleElement().asString().startsWith("MODELCHANGE-120");
    }
  }

  @Test
  void theDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(UnknownKeys.distance("", "")).isZero();
    assertThat(UnknownKeys.distance("maxdelay", "max-delay")).isEqualTo(1);
    assertThat(UnknownKeys.distance("max_delay", "max-delay")).isEqualTo(1);
    assertThat(UnknownKeys.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(UnknownKeys.distance("abc", "")).isEqualTo(3);
    assertThat(UnknownKeys.distance("", "abc")).isEqualTo(3);
  }
}
