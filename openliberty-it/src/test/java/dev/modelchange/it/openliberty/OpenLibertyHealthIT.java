package dev.modelchange.it.openliberty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * ModelChange's health checks on Open Liberty ({@code mpHealth-4.0}, registered by the portable extension because
 * the MicroProfile Health API is there): given the WAR with its observer of {@code books}, when Liberty's health
 * endpoints are read, then the {@code modelchange} check is UP in each, with the books stream in its data.
 */
class OpenLibertyHealthIT {
  private static final URI SERVER = URI.create(System.getProperty("it.base.url")).resolve("/");
  private static final String STREAM = "default@liberty-it/" + System.getProperty("it.mongodb.database")
      + ".books/default";
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The {@code modelchange} check of a health endpoint, once the endpoint answers 200 with it UP. */
  private static Document upCheck(String endpoint) throws Exception {
    return upCheck(endpoint, STREAM);
  }

  /** The same, once the check's data has {@code key} too. */
  private static Document upCheck(String endpoint, String key) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String last = "nothing";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(SERVER.resolve(endpoint))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        last = r.statusCode() + " " + r.body();
        Document check = modelChangeCheck(Document.parse(r.body()));
        if (r.statusCode() == 200 && check != null && "UP".equals(check.getString("status"))
            && check.get("data", new Document()).containsKey(key)) {
          System.out.println(endpoint + ": " + r.body());
          return check;
        }
      } catch (java.io.IOException | org.bson.json.JsonParseException e) {
        last = e.toString(); // restarting (the other IT touches the WAR), or not JSON yet
      }
      Thread.sleep(250);
    }
    return fail(endpoint + " did not answer UP with a modelchange check telling " + key + " within " + PATIENCE
        + "; last: " + last);
  }

  private static Document modelChangeCheck(Document health) {
    List<Document> checks = health.getList("checks", Document.class, List.of());
    return checks.stream().filter(c -> "modelchange".equals(c.getString("name"))).findFirst().orElse(null);
  }

  @Test
  void readinessShowsTheBooksStreamOpenWithItsDetails() throws Exception {
    // a new stream stores its start position at once, on the checkpoint writer's thread
    Document data = upCheck("/health/ready", STREAM + ".last-checkpoint").get("data", Document.class);

    assertNotNull(data, "the check has data");
    assertEquals("OPEN", data.getString(STREAM), "the books stream, in " + data.toJson());
    assertTrue(data.containsKey(STREAM + ".events-delivered"), data.toJson());
    assertTrue(data.containsKey(STREAM + ".reconnects"), data.toJson());
    assertTrue(data.containsKey(STREAM + ".receiver-failures"), data.toJson());
    assertTrue(data.containsKey(STREAM + ".last-checkpoint"), "a new stream stores its start: " + data.toJson());
  }

  @Test
  void livenessAndStartupAreUpWithTheBooksStream() throws Exception {
    assertEquals("alive", upCheck("/health/live").get("data", Document.class).getString(STREAM));
    assertEquals("position fixed", upCheck("/health/started").get("data", Document.class).getString(STREAM));
  }
}
