package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoNamespace;
import dev.modelchange.ChangeStreamGap;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Use case 2: {@code GET /books/{id}} is cached; a change of the book in MongoDB evicts it, whoever wrote it, and
 * a gap in the change stream clears the cache.
 */
@QuarkusTest
class BookCacheTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TestHTTPResource("/")
  URL base;
  @Inject
  Event<ChangeStreamGap> gaps;

  private Http http;

  @BeforeEach
  void client() throws Exception {
    http = new Http(base.toURI());
  }

  @Test
  void aBookIsReadFromTheCacheUntilItChanges() {
    String id = http.createBook("Ulysses", "Joyce", "carol");
    Http.Response first = http.send("GET", "books/" + id, null);
    Http.Response second = http.send("GET", "books/" + id, null);
    assertThat(second.json()).isEqualTo(first.json());

    http.send("PATCH", "books/" + id, Map.of("title", "Ulysses (annotated)"));
    // without the eviction, the cache would answer "Ulysses" for ever
    await().atMost(WAIT).until(() -> title(id).equals("Ulysses (annotated)"));

    http.send("PUT", "books/" + id, new Book("Finnegans Wake", "Joyce", "carol", true));
    await().atMost(WAIT).until(() -> title(id).equals("Finnegans Wake"));

    http.send("DELETE", "books/" + id, null);
    await().atMost(WAIT).until(() -> http.send("GET", "books/" + id, null).status() == 404);
  }

  @Test
  void aGapInTheChangeStreamClearsTheCache() {
    String id = http.createBook("Emma", "Austen", "carol");
    String loadedAt = http.send("GET", "books/" + id, null).json().get("loadedAt").asText();
    assertThat(http.send("GET", "books/" + id, null).json().get("loadedAt").asText()).isEqualTo(loadedAt);

    gaps.fire(new ChangeStreamGap(Book.class, new MongoNamespace("library", "books"),
        ChangeStreamGap.Reason.HISTORY_LOST, null, null));

    assertThat(http.send("GET", "books/" + id, null).json().get("loadedAt").asText()).isNotEqualTo(loadedAt);
  }

  private String title(String id) {
    return http.send("GET", "books/" + id, null).json().get("book").get("title").asText();
  }
}
