package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelchange.Delivery;
import dev.modelchange.ModelChanges;
import dev.modelchange.StreamState;
import dev.modelchange.StreamStatus;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Use case 4, a side effect once per application: {@link NewBookNotices} is a {@code Delivery.ONE_INSTANCE}
 * observer. Given the sample (one instance, MongoDB resume-token store), its stream is a stream of its own that
 * holds the group's lease, as {@code ModelChanges.streams()} and readiness tell; when a book is added, one notice
 * of it is written, and an update of the book writes none.
 */
@QuarkusTest
class NewBookNoticesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** The shared key of the observer's stream: the group's, with no instance id in it. */
  private static final String KEY = "default/library.books/default+one-instance";

  @TestHTTPResource("/")
  URL base;
  @Inject
  ModelChanges modelChanges;

  private Http http;

  @BeforeEach
  void client() throws Exception {
    http = new Http(base.toURI());
  }

  @Test
  void theNoticesStreamHoldsTheLeaseOfTheGroupAndReadinessSaysSo() {
    await().atMost(WAIT).until(() -> noticesStream().leaseHeld() && noticesStream().state() == StreamState.OPEN);
    StreamStatus s = noticesStream();
    assertThat(s.key()).isEqualTo(KEY);
    assertThat(s.delivery()).isEqualTo(Delivery.ONE_INSTANCE);
    assertThat(s.models()).containsExactly(Book.class.getName());
    // the sample's other observer of books, the cache's, has a stream (and a position) of this instance's own
    assertThat(modelChanges.streams()).filteredOn(o -> o.models().contains(Book.class.getName())
        && o.delivery() == Delivery.EACH_INSTANCE).singleElement()
        .satisfies(o -> assertThat(o.key()).contains("@").endsWith("/library.books/default"));

    JsonNode data = readinessData();
    assertThat(data.get(KEY).asText()).isEqualTo("OPEN");
    assertThat(data.get(KEY + ".lease").asText()).isEqualTo("held by this instance");
  }

  @Test
  void aBookAddedGetsOneNoticeAndAnUpdateOfItNone() {
    String id = http.createBook("The Waves", "Virginia Woolf", "erin");

    await().atMost(WAIT).until(() -> noticesOf(id).size() == 1);
    JsonNode notice = noticesOf(id).get(0);
    assertThat(notice.get("title").asText()).isEqualTo("The Waves");
    assertThat(notice.get("author").asText()).isEqualTo("Virginia Woolf");
    assertThat(notice.get("userId").asText()).isEqualTo("erin");

    // an update is no insert: no notice; a marker book added after it shows that the update has gone by
    assertThat(http.send("PATCH", "books/" + id, Map.of("title", "The Waves (revised)")).status()).isEqualTo(204);
    String marker = http.createBook("Marker", "Anyone", "erin");
    await().atMost(WAIT).until(() -> noticesOf(marker).size() == 1);
    assertThat(noticesOf(id)).hasSize(1);
    assertThat(noticesOf(id).get(0).get("title").asText()).isEqualTo("The Waves");
  }

  private StreamStatus noticesStream() {
    return modelChanges.streams().stream().filter(s -> s.delivery() == Delivery.ONE_INSTANCE).findFirst()
        .orElseThrow(() -> new AssertionError("no ONE_INSTANCE stream in " + modelChanges.streams()));
  }

  private List<JsonNode> noticesOf(String bookId) {
    Http.Response r = http.send("GET", "notices", null);
    assertThat(r.status()).isEqualTo(200);
    List<JsonNode> of = new ArrayList<>();
    r.json().forEach(n -> {
      if (bookId.equals(n.get("bookId").asText())) {
        of.add(n);
      }
    });
    return of;
  }

  /** ModelChange's check in {@code /q/health/ready}: its data. */
  private JsonNode readinessData() {
    Http.Response r = http.send("GET", "q/health/ready", null);
    for (JsonNode check : r.json().get("checks")) {
      if ("modelchange".equals(check.get("name").asText())) {
        return check.get("data");
      }
    }
    throw new AssertionError("no modelchange check in " + r.json());
  }
}
