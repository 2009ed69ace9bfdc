package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** With no MongoDB configured, the sample runs on the in-memory demo server it starts itself. */
@QuarkusTest
class EmbeddedDefaultTest {
  @Test
  void withoutAConnectionStringTheDemoServerIsUsed() {
    assertThat(EmbeddedMongo.isRunning()).isTrue();
    assertThat(ConfigProvider.getConfig().getValue("quarkus.mongodb.connection-string", String.class))
        .startsWith("mongodb://127.0.0.1:");
  }
}
