package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoNamespace;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.modelchange.ChangeStreamGap;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.SseEventSource;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Use case 2: {@code GET /books/{id}} is cached. A write through the sample evicts the book at once, so the next
 * read sees it; a write made anywhere else is evicted when the change stream reports it; a gap in the change
 * stream clears the cache. Every read says whether the cache served it, and {@code /books/cache-events} streams
 * the reads and evictions.
 */
@QuarkusTest
class BookCacheTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TestHTTPResource("/")
  URL base;
  @Inject
  Event<ChangeStreamGap> gaps;
  @Inject
  LibraryDatabase db;
  @Inject
  CacheEvents cacheEvents;

  private Http http;

  @BeforeEach
  void client() throws Exception {
    http = new Http(base.toURI());
  }

  @Test
  void aBookIsReadFromTheCacheAndTheReadAfterAWriteOfTheSampleSeesTheWrite() {
    String id = http.createBook("Ulysses", "Joyce", "carol");
    settle();
    JsonNode first = read(id);
    JsonNode second = read(id);
    assertThat(first.get("cache").asText()).isEqualTo("miss");
    assertThat(second.get("cache").asText()).isEqualTo("hit");
    assertThat(second.get("loadedAt")).isEqualTo(first.get("loadedAt"));

    // the README's step 4, scripted: each read right after a PATCH answers the new title, never the cached one
    for (int i = 1; i <= 30; i++) {
      assertThat(http.send("PATCH", "books/" + id, Map.of("title", "Ulysses " + i)).status()).isEqualTo(204);
      JsonNode afterWrite = read(id);
      assertThat(afterWrite.get("book").get("title").asText()).isEqualTo("Ulysses " + i);
      assertThat(afterWrite.get("cache").asText()).isEqualTo("miss");
    }

    http.send("PUT", "books/" + id, Map.of("title", "Finnegans Wake", "author", "Joyce", "userId", "carol",
        "published", true));
    assertThat(read(id).get("book").get("title").asText()).isEqualTo("Finnegans Wake");

    assertThat(http.send("DELETE", "books/" + id, null).status()).isEqualTo(204);
    assertThat(http.send("GET", "books/" + id, null).status()).isEqualTo(404);
  }

  @Test
  void aWriteMadeElsewhereIsEvictedWhenTheChangeStreamReportsIt() {
    String id = http.createBook("Persuasion", "Austen", "carol");
    settle();
    assertThat(read(id).get("cache").asText()).isEqualTo("miss");
    assertThat(read(id).get("cache").asText()).isEqualTo("hit");

    // as a script or the mongo shell would: not through the sample, so only the change stream can tell the cache
    db.books().updateOne(Filters.eq("_id", new ObjectId(id)), Updates.set("title", "Persuasion (annotated)"));

    await().atMost(WAIT).until(() -> read(id).get("book").get("title").asText().equals("Persuasion (annotated)"));
  }

  @Test
  void aGapInTheChangeStreamClearsTheCache() {
    String id = http.createBook("Emma", "Austen", "carol");
    settle();
    String loadedAt = read(id).get("loadedAt").asText();
    assertThat(read(id).get("loadedAt").asText()).isEqualTo(loadedAt);

    gaps.fire(new ChangeStreamGap(Book.class, new MongoNamespace("library", "books"),
        ChangeStreamGap.Reason.HISTORY_LOST, null, null));

    assertThat(read(id).get("loadedAt").asText()).isNotEqualTo(loadedAt);
  }

  @Test
  void theCacheEventsStreamTellsEachReadAndEachEviction() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    Client client = ClientBuilder.newClient();
    try (SseEventSource events = SseEventSource.target(client.target(base.toURI().resolve("books/cache-events")))
        .build()) {
      events.register(e -> {
        try {
          received.add(Http.JSON.readTree(e.readData()));
        } catch (java.io.IOException ex) {
          throw new IllegalStateException(ex);
        }
      });
      events.open();
      // the stream is hot: a read repeated until it is seen proves the subscription is in place
      String ready = http.createBook("Ready", "Anyone", "dave");
      await().atMost(WAIT).until(() -> {
        read(ready);
        return received.stream().anyMatch(n -> ready.equals(text(n, "bookId")));
      });

      String id = http.createBook("Middlemarch", "Eliot", "dave");
      settle();
      read(id);
      read(id);
      http.send("PATCH", "books/" + id, Map.of("title", "Middlemarch (abridged)"));
      read(id);

      await().atMost(WAIT).until(() -> received.stream().anyMatch(n -> text(n, "title").endsWith("(abridged)")));
      assertThat(received.stream().filter(n -> id.equals(text(n, "bookId")) && !isChangeStream(n))
          .map(n -> String.join(" ", java.util.stream.Stream.of(text(n, "kind"), text(n, "title"), text(n, "reason"))
              .filter(t -> !t.isEmpty()).toList())))
          .containsExactly("miss Middlemarch", "hit Middlemarch", "evicted written by this application (PATCH)",
              "miss Middlemarch (abridged)");
      // and, a moment later, the change stream's eviction: of this book, or on the demo MongoDB, whose update
      // events lack the _id, of all books
      await().atMost(WAIT).until(() -> received.stream().anyMatch(n -> isChangeStream(n)
          && text(n, "reason").startsWith("change stream: update")
          && (id.equals(text(n, "bookId")) || text(n, "kind").equals("cleared"))));
    } finally {
      client.close();
    }
  }

  /**
   * Waits until the change-stream evictions of earlier writes (of earlier tests too) are done, so that they cannot
   * turn an expected hit into a miss: deletes a marker book behind MongoDB's back and waits for its eviction, which
   * the change stream delivers after those of every earlier change. (A delete, since on the demo MongoDB an update
   * event does not say which book it is about.)
   */
  private void settle() {
    List<CacheEvent> seen = new CopyOnWriteArrayList<>();
    var subscription = cacheEvents.events().subscribe().with(seen::add);
    try {
      Book marker = new Book("marker", "settle()", "nobody", false);
      marker.setId(new ObjectId().toHexString());
      db.books().insertOne(marker);
      db.books().deleteOne(Filters.eq("_id", new ObjectId(marker.getId())));
      await().atMost(WAIT).until(() -> seen.stream().anyMatch(e -> marker.getId().equals(e.bookId())
          && "change stream: delete".equals(e.reason())));
    } finally {
      subscription.cancel();
    }
  }

  private JsonNode read(String id) {
    Http.Response r = http.send("GET", "books/" + id, null);
    assertThat(r.status()).as("GET /books/%s: %s", id, r.json()).isEqualTo(200);
    return r.json();
  }

  private static boolean isChangeStream(JsonNode n) {
    return text(n, "reason").startsWith("change stream");
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : "";
  }
}
