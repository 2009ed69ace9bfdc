package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.SseEventSource;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Use case 3: an SSE client of {@code /resources/sync-events} is told of each resource whose sync completed, and
 * of nothing else.
 */
@QuarkusTest
class SyncEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TestHTTPResource("/")
  URL base;
  @Inject
  SyncNotifier notifier;

  @Test
  void anSseClientIsToldOfEachCompletedSync() throws Exception {
    Http http = new Http(base.toURI());
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    Client client = ClientBuilder.newClient();
    try (SseEventSource events = SseEventSource.target(client.target(base.toURI().resolve("resources/sync-events")))
        .build()) {
      events.register(e -> {
        try {
          received.add(Http.JSON.readTree(e.readData()));
        } catch (java.io.IOException ex) {
          throw new IllegalStateException(ex);
        }
      });
      events.open();
      await().atMost(WAIT).until(() -> notifier.clients() == 1);

      String crm = http.send("POST", "resources", Map.of("name", "crm", "syncStatus", "pending")).json()
          .get("id").asText();
      http.send("POST", "resources", Map.of("name", "erp", "syncStatus", "completed"));
      http.send("PATCH", "resources/" + crm, Map.of("syncStatus", "completed"));
      http.send("POST", "resources", Map.of("name", "hr", "syncStatus", "failed"));
      http.send("POST", "resources", Map.of("name", "wiki", "syncStatus", "completed"));

      await().atMost(WAIT).until(() -> received.size() == 3);
      assertThat(received).extracting(n -> n.get("name").asText() + " " + n.get("syncStatus").asText())
          .containsExactly("erp completed", "crm completed", "wiki completed");
      assertThat(received.get(1).get("resourceId").asText()).isEqualTo(crm);
    } finally {
      client.close();
    }
    await().atMost(WAIT).until(() -> notifier.clients() == 0);
  }
}
