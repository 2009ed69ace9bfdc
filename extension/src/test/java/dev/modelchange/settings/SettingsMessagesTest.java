package dev.modelchange.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The settings package's catalogue: one method per code, codes in its ranges, DEBUG texts built only for DEBUG. */
class SettingsMessagesTest {

  @Test
  void everyMessageHasItsOwnCodeInTheRangesOfThePackage() {
    List<Method> messages = Arrays.stream(SettingsMessages.class.getDeclaredMethods())
        .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic())
        .collect(Collectors.toList());
    List<Integer> codes = messages.stream()
        .map(m -> m.getAnnotation(MessageCode.class))
        .map(code -> code == null ? -1 : code.value())
        .collect(Collectors.toList());

    assertThat(codes).doesNotHaveDuplicates()
        .allSatisfy(code -> assertThat(code).satisfiesAnyOf(
            c -> assertThat(c).isBetween(20, 29), c -> assertThat(c).isBetween(120, 129)));
  }

  @Test
  void theSettingsReadAreLoggedAtDebugWithSecretsHidden() {
    Map<String, String> properties = Map.of(ConfigKeys.RETRY_MAX_DELAY, "5s",
        ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD, "s3cret", ConfigKeys.MONGODB_URI, "mongodb://u:pw@h/db");
    try (CapturedLog log = new CapturedLog()) {
      EngineSettings.from(key -> Optional.ofNullable(properties.get(key)));
      EngineSettings.defaults();

      assertThat(log.at(Level.FINE)).containsExactly(
          "MODELCHANGE-122 Settings read: modelchange.mongodb.uri=(hidden), "
              + "modelchange.resume-token.jdbc.password=(hidden), modelchange.retry.max-delay=5s; every other key "
              + "has its default.",
          "MODELCHANGE-122 Settings read: every key has its default.");
    }
  }

  @Test
  void aDebugTextIsNotBuiltWhenDebugIsOff() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(SettingsMessages.LOGGER);
    Level previous = logger.getLevel();
    logger.setLevel(Level.INFO);
    try {
      SettingsMessages.settingsRead(() -> {
        throw new AssertionError("built with DEBUG off");
      });
    } finally {
      logger.setLevel(previous);
    }
  }
}
