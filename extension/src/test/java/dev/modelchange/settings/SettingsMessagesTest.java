package dev.modelchange.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.logging.MessageCode;
import dev.modelchange.testsupport.CapturedLog;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The settings package's DEBUG texts: secrets hidden, built only for DEBUG (codes: MessageCatalogueTest). */
class SettingsMessagesTest {

  @Test
  void theSettingsReadAreLoggedAtDebugWithSecretsHidden() {
    Map<String, String> properties = Map.of(ConfigKeys.RETRY_MAX_DELAY, "5s",
        ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD, "s3cret", ConfigKeys.MONGODB_URI, "mongodb://u:pw@h/db");
    try (CapturedLog log = new CapturedLog(SettingsMessages.LOGGER)) {
      EngineSettings.from(key -> Optional.ofNullable(properties.get(key)));
      EngineSettings.defaults();

      assertThat(log.messagesAt(Level.FINE)).containsExactly(
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
