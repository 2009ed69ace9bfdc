package dev.modelchange.sample.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.sample.EmbeddedMongo;
import dev.modelchange.tck.backend.TckBackends;
import dev.modelchange.tck.delivery.AbstractDeliveryTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The TCK's delivery contract on Quarkus. */
@QuarkusTest
@TestProfile(TckProfile.class)
@WithTestResource(TckBackendResource.class)
class QuarkusDeliveryTest extends AbstractDeliveryTest {

  /** Not the TCK's: the sample's embedded default gives way to a connection string given by anyone else. */
  @Test
  void theRunnersConnectionStringWinsOverTheDemoServer() {
    assertThat(ConfigProvider.getConfig().getValue("quarkus.mongodb.connection-string", String.class))
        .isEqualTo(TckBackends.current().connectionString());
    assertThat(EmbeddedMongo.isRunning()).isFalse();
  }
}
