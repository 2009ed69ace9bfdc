package dev.modelchange.tck.weld.realmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.CapabilityCondition;
import dev.modelchange.tck.backend.ServerCapabilities;
import dev.modelchange.tck.backend.TckBackend;
import dev.modelchange.tck.backend.TckBackends;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** The real backends as far as they can be checked without a real MongoDB: choice, capabilities, failures. */
class RealBackendsTest {
  @Test
  void capabilitiesFollowTheServerVersion() {
    assertThat(ServerCapabilities.of(List.of(4, 4, 29), true, 1)).contains(Capability.UPDATE_DESCRIPTION,
        Capability.REPLACE_EVENTS, Capability.POST_BATCH_RESUME_TOKEN, Capability.HISTORY_LOST)
        .doesNotContain(Capability.TRUNCATED_ARRAYS, Capability.PRE_AND_POST_IMAGES,
            Capability.NAMESPACE_AND_WALL_TIME, Capability.SPLIT_LARGE_EVENTS, Capability.STEP_DOWN);
    assertThat(ServerCapabilities.of(List.of(5, 0, 0), true, 1)).contains(Capability.TRUNCATED_ARRAYS)
        .doesNotContain(Capability.PRE_AND_POST_IMAGES);
    assertThat(ServerCapabilities.of(List.of(6, 0, 8), true, 1)).contains(Capability.PRE_AND_POST_IMAGES,
        Capability.NAMESPACE_AND_WALL_TIME).doesNotContain(Capability.SPLIT_LARGE_EVENTS);
    assertThat(ServerCapabilities.of(List.of(6, 0, 9), true, 1)).as("the stage, but not told by wire version")
        .doesNotContain(Capability.SPLIT_LARGE_EVENTS);
    assertThat(ServerCapabilities.of(List.of(6, 3, 2), true, 1)).doesNotContain(Capability.SPLIT_LARGE_EVENTS);
    assertThat(ServerCapabilities.of(List.of(7, 0, 0), true, 1)).contains(Capability.SPLIT_LARGE_EVENTS);
    assertThat(ServerCapabilities.of(List.of(8, 0, 4), true, 3)).containsAll(Set.of(Capability.values()));
    assertThat(ServerCapabilities.of(List.of(4, 0, 6), true, 3)).doesNotContain(Capability.POST_BATCH_RESUME_TOKEN);
    assertThat(ServerCapabilities.of(List.of(8, 0, 4), false, 0)).as("sharded").doesNotContain(Capability.STEP_DOWN);
  }

  @Test
  void aConnectionStringGetsTheDatabaseAsItsPathKeepingItsOptions() {
    assertThat(TckBackend.withDatabase("mongodb://127.0.0.1:27017", "tck")).isEqualTo("mongodb://127.0.0.1:27017/tck");
    assertThat(TckBackend.withDatabase("mongodb://a:1,b:2/?replicaSet=rs0", "tck"))
        .isEqualTo("mongodb://a:1,b:2/tck?replicaSet=rs0");
    assertThat(TckBackend.withDatabase("mongodb://u:p@a:1/app?replicaSet=rs0", "tck"))
        .as("credentials keep authenticating against their database")
        .isEqualTo("mongodb://u:p@a:1/tck?replicaSet=rs0&authSource=app");
    assertThat(TckBackend.withDatabase("mongodb://u:p@a:1", "tck")).isEqualTo("mongodb://u:p@a:1/tck?authSource=admin");
  }

  @Test
  void skipReasonsNameTheMissingCapabilities() {
    String reason = "TCK backend embedded lacks capability DOCUMENT_KEY_ON_UPDATE, UPDATE_DESCRIPTION; "
        + "some of its tests also need TRUNCATED_ARRAYS";
    assertThat(CapabilityCondition.isCapabilitySkip(reason)).isTrue();
    assertThat(CapabilityCondition.missingIn(reason)).containsExactly(Capability.DOCUMENT_KEY_ON_UPDATE,
        Capability.UPDATE_DESCRIPTION, Capability.TRUNCATED_ARRAYS);
    assertThat(CapabilityCondition.isCapabilitySkip("@Disabled")).isFalse();
  }

  @Test
  void anUnknownBackendIsRefusedNamingTheChoices() {
    String before = System.getProperty(TckBackends.BACKEND_PROPERTY);
    System.setProperty(TckBackends.BACKEND_PROPERTY, "docker");
    try {
      assertThatThrownBy(TckBackends::kind).hasMessageContaining("embedded, uri, testcontainers");
    } finally {
      restore(before);
    }
  }

  @Test
  void withoutDockerTheTestcontainersBackendFailsAtOnceSayingSo() {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine answers here");
    String before = System.getProperty(TckBackends.BACKEND_PROPERTY);
    System.setProperty(TckBackends.BACKEND_PROPERTY, "testcontainers");
    try {
      long started = System.nanoTime();
      assertThatThrownBy(TckBackends::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no Docker engine");
      assertThatThrownBy(TckBackends::capabilities).as("and every class after it, the same")
          .hasMessageContaining("no Docker engine");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    } finally {
      restore(before);
    }
  }

  private static void restore(String value) {
    if (value == null) {
      System.clearProperty(TckBackends.BACKEND_PROPERTY);
    } else {
      System.setProperty(TckBackends.BACKEND_PROPERTY, value);
    }
  }
}
