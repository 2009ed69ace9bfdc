package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample refuses what it cannot store as asked: 400 with the fields at fault, 404 with the id that names
 * nothing, never a 500 or a document with null fields.
 */
@QuarkusTest
class InputValidationTest {
  private static final String UNKNOWN_ID = new ObjectId().toHexString();

  @TestHTTPResource("/")
  URL base;

  private Http http;

  @BeforeEach
  void client() throws Exception {
    http = new Http(base.toURI());
  }

  @Test
  void aBookWithoutABodyIsRefusedNamingTheBody() {
    Http.Response r = http.sendRaw("POST", "books", null);
    assertBadRequest(r, "body");
    assertThat(r.json().get("message").asText()).isEqualTo("body: a JSON body is required");
  }

  @Test
  void aBookWithoutItsFieldsIsRefusedNamingEachOne() {
    assertBadRequest(http.send("POST", "books", Map.of()), "author", "title", "userId");
    assertBadRequest(http.send("POST", "books", Map.of("title", " ", "author", "Herbert", "userId", "alice")),
        "title");
  }

  @Test
  void aMisspeltFieldIsRefusedNamingIt() {
    Http.Response r = http.send("POST", "books", Map.of("titel", "Dune", "author", "Herbert", "userId", "alice"));
    assertBadRequest(r, "titel");
    assertThat(r.json().get("violations").get(0).get("message").asText())
        .isEqualTo("unknown field (the fields are: author, published, title, userId)");
  }

  @Test
  void aValueOfTheWrongTypeOrMalformedJsonIsRefused() {
    assertBadRequest(http.send("POST", "books", Map.of("title", "Dune", "author", "Herbert", "userId", "alice",
        "published", "yes")), "published");
    assertBadRequest(http.sendRaw("POST", "books", "{\"title\": \"Dune\""), "body");
    assertBadRequest(http.sendRaw("POST", "books", "[]"), "body");
  }

  @Test
  void aValidBookIsStillCreated() {
    Http.Response r = http.send("POST", "books", Map.of("title", "Dune", "author", "Herbert", "userId", "alice"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("title").asText()).isEqualTo("Dune");
    assertThat(r.json().get("published").asBoolean()).isFalse();
  }

  @Test
  void anUnknownOrMalformedBookIdIsA404NamingIt() {
    assertNotFound(http.send("GET", "books/" + UNKNOWN_ID, null), "No book " + UNKNOWN_ID, UNKNOWN_ID);
    assertNotFound(http.send("PATCH", "books/" + UNKNOWN_ID, Map.of("title", "x")), "No book " + UNKNOWN_ID,
        UNKNOWN_ID);
    assertNotFound(http.send("PUT", "books/" + UNKNOWN_ID, Map.of("title", "x", "author", "y", "userId", "z")),
        "No book " + UNKNOWN_ID, UNKNOWN_ID);
    assertNotFound(http.send("DELETE", "books/" + UNKNOWN_ID, null), "No book " + UNKNOWN_ID, UNKNOWN_ID);
    assertNotFound(http.send("GET", "books/not-an-id", null), "No book not-an-id", "not-an-id");
  }

  @Test
  void aPatchThatChangesNothingOrBlanksAFieldIsRefusedAndTheBookStaysAsItWas() {
    String id = http.createBook("Dune", "Frank Herbert", "alice");
    assertBadRequest(http.send("PATCH", "books/" + id, Map.of()), "body");
    assertBadRequest(http.sendRaw("PATCH", "books/" + id, null), "body");
    assertBadRequest(http.send("PATCH", "books/" + id, Map.of("title", "")), "title");
    assertBadRequest(http.send("PATCH", "books/" + id, Map.of("titel", "Dune Messiah")), "titel");

    JsonNode book = http.send("GET", "books/" + id, null).json().get("book");
    assertThat(book.get("title").asText()).isEqualTo("Dune");
    assertThat(book.get("author").asText()).isEqualTo("Frank Herbert");
    assertThat(book.get("userId").asText()).isEqualTo("alice");
  }

  @Test
  void aListOfBooksNeedsTheUser() {
    assertBadRequest(http.send("GET", "books", null), "userId");
    String id = http.createBook("Kindred", "Octavia Butler", "erin");
    JsonNode list = http.send("GET", "books?userId=erin", null).json();
    assertThat(list).extracting(n -> n.get("id").asText()).containsExactly(id);
  }

  @Test
  void aResourceNeedsItsFieldsAndAStatusChangeNeedsTheStatus() {
    assertBadRequest(http.send("POST", "resources", Map.of()), "name", "syncStatus");
    assertBadRequest(http.sendRaw("POST", "resources", null), "body");
    String id = http.send("POST", "resources", Map.of("name", "crm", "syncStatus", "pending")).json()
        .get("id").asText();

    assertBadRequest(http.send("PATCH", "resources/" + id, Map.of()), "syncStatus");
    assertBadRequest(http.send("PATCH", "resources/" + id, Map.of("status", "completed")), "status");
    assertThat(http.send("GET", "resources/" + id, null).json().get("syncStatus").asText()).isEqualTo("pending");

    assertNotFound(http.send("PATCH", "resources/" + UNKNOWN_ID, Map.of("syncStatus", "completed")),
        "No resource " + UNKNOWN_ID, UNKNOWN_ID);
    assertNotFound(http.send("GET", "resources/" + UNKNOWN_ID, null), "No resource " + UNKNOWN_ID, UNKNOWN_ID);
    assertNotFound(http.send("DELETE", "resources/" + UNKNOWN_ID, null), "No resource " + UNKNOWN_ID,
        UNKNOWN_ID);
  }

  private static void assertBadRequest(Http.Response r, String... fields) {
    assertThat(r.status()).as("%s", r.json()).isEqualTo(400);
    assertThat(r.json().get("status").asInt()).isEqualTo(400);
    List<String> named = new ArrayList<>();
    r.json().get("violations").forEach(v -> named.add(v.get("field").asText()));
    assertThat(named).as("%s", r.json()).containsExactly(fields);
  }

  private static void assertNotFound(Http.Response r, String message, String id) {
    assertThat(r.status()).as("%s", r.json()).isEqualTo(404);
    assertThat(r.json().get("message").asText()).isEqualTo(message);
    assertThat(r.json().get("id").asText()).isEqualTo(id);
  }
}
