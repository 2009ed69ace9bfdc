package dev.modelchange.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.testsupport.CapturedLog;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The default instance id: the host's name, from the resolver, else the environment, else a warned fallback. */
class LocalHostNameTest {

  @Test
  void theResolversNameComesFirst() {
    try (CapturedLog log = new CapturedLog(SettingsMessages.LOGGER)) {
      assertThat(LocalHostName.lookUp(() -> "app-7f9c", Map.of("HOSTNAME", "other")::get)).isEqualTo("app-7f9c");
      assertThat(log.messages()).isEmpty();
    }
  }

  @Test
  void theEnvironmentIsAskedWhenTheResolverFails() {
    assertThat(LocalHostName.lookUp(() -> {
      throw new UnknownHostException("app-7f9c: Name or service not known");
    }, Map.of("HOSTNAME", " pod-1 ")::get)).isEqualTo("pod-1");
    assertThat(LocalHostName.lookUp(() -> "", Map.of("COMPUTERNAME", "DESKTOP-1")::get)).isEqualTo("DESKTOP-1");
  }

  @Test
  void withoutAnyNameTheFallbackIsUsedWithAWarningThatSaysWhatToSet() {
    try (CapturedLog log = new CapturedLog(SettingsMessages.LOGGER)) {
      String name = LocalHostName.lookUp(() -> {
        throw new UnknownHostException("app-7f9c");
      }, variable -> null);

      assertThat(name).isEqualTo("localhost");
      assertThat(log.messagesAt(Level.WARNING)).containsExactly("MODELCHANGE-123 The local host's name cannot be found "
          + "(java.net.UnknownHostException: app-7f9c), so modelchange.instance-id is \"localhost\"; two instances "
          + "of one group with the same id cannot both keep their positions. Set modelchange.instance-id to a "
          + "name unique within the group.");
    }
  }

  @Test
  void aConfiguredInstanceIdWinsAndTheDefaultIsTheHostName() {
    assertThat(EngineSettings.from(k -> k.equals(ConfigKeys.INSTANCE_ID)
        ? java.util.Optional.of("blue-1") : java.util.Optional.empty()).instanceId()).isEqualTo("blue-1");
    assertThat(EngineSettings.defaults().instanceId()).isEqualTo(LocalHostName.get()).isNotBlank()
        .doesNotContain("/");
  }
}
