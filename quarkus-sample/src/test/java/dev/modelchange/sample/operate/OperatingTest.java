package dev.modelchange.sample.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Operating the sample: given the sample on an in-JVM MongoDB behind a proxy ({@link CuttableMongo}), readiness
 * ({@code /q/health/ready}) shows ModelChange's streams and the meters ({@code /q/metrics}) move when books change;
 * when the connection to MongoDB is cut, readiness goes DOWN once the streams have retried longer than the grace
 * (1 s here, {@link OutageProfile}), and UP again when MongoDB is back, with the reconnections counted.
 */
@QuarkusTest
@TestProfile(OutageProfile.class)
@WithTestResource(CuttableMongo.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String BOOKS = "default@outage/library.books/default";
  /**
   * The shape label of that stream's meters: the books have a second stream, the {@code ONE_INSTANCE} one of the
   * sample's notices ({@code shape="default+one-instance"}), whose meters are left out.
   */
  private static final String BOOKS_SHAPE = "shape=\"default\"";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestHTTPResource("/")
  URL base;
  /** Set by {@link CuttableMongo}. */
  Runnable cutMongoDb;
  /** Set by {@link CuttableMongo}. */
  Runnable restoreMongoDb;

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve(path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** ModelChange's readiness check in {@code /q/health/ready}, and the HTTP status of the whole answer. */
  private Readiness readiness() throws Exception {
    HttpResponse<String> r = send("GET", "q/health/ready", null);
    for (JsonNode check : JSON.readTree(r.body()).get("checks")) {
      if ("modelchange".equals(check.get("name").asText())) {
        return new Readiness(r.statusCode(), check);
      }
    }
    throw new AssertionError("no modelchange check in " + r.body());
  }

  record Readiness(int http, JsonNode check) {
    /** The application is ready (every check is UP: the MongoDB client has one too), ModelChange's check too. */
    boolean up() {
      return http == 200 && "UP".equals(check.get("status").asText());
    }

    /** ModelChange's check is DOWN, whatever the others say. */
    boolean down() {
      return "DOWN".equals(check.get("status").asText());
    }

    String data(String key) {
      JsonNode value = check.path("data").get(key);
      return value == null ? null : value.asText();
    }
  }

  /** The sum of a meter's samples in {@code /q/metrics} whose labels contain every one of {@code labels}. */
  private double meter(String name, String... labels) throws Exception {
    String text = send("GET", "q/metrics", null).body();
    return text.lines().filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  @Order(1)
  void readinessShowsTheStreamsAndTheMetersMoveWhenBooksChange() throws Exception {
    await().atMost(WAIT).until(() -> readiness().up());
    Readiness ready = readiness();
    assertThat(ready.data(BOOKS)).isEqualTo("OPEN");
    assertThat(ready.data(BOOKS + ".reconnects")).isEqualTo("0");
    double inserts = meter("modelchange_events_total", "collection=\"books\"", BOOKS_SHAPE, "operation=\"insert\"");
    double timed = meter("modelchange_delivery_seconds_count", "collection=\"books\"", BOOKS_SHAPE,
        "receiver=\"observer\"");

    HttpResponse<String> created = send("POST", "books",
        "{\"title\":\"Middlemarch\",\"author\":\"George Eliot\",\"userId\":\"dora\"}");
    assertThat(created.statusCode()).isEqualTo(201);

    await().atMost(WAIT).until(() -> meter("modelchange_events_total", "collection=\"books\"", BOOKS_SHAPE,
        "operation=\"insert\"") == inserts + 1);
    assertThat(meter("modelchange_delivery_seconds_count", "collection=\"books\"", BOOKS_SHAPE,
        "receiver=\"observer\"")).isEqualTo(timed + 1);
    assertThat(meter("modelchange_state", "collection=\"books\"", BOOKS_SHAPE, "state=\"OPEN\"")).isEqualTo(1);

    // the sample's cache observer takes updates (an insert evicts nothing): readiness counts what it delivered
    String id = JSON.readTree(created.body()).get("id").asText();
    assertThat(send("PATCH", "books/" + id, "{\"title\":\"Middlemarch (annotated)\"}").statusCode()).isEqualTo(204);
    await().atMost(WAIT).until(() -> !"0".equals(readiness().data(BOOKS + ".events-delivered")));
    assertThat(meter("modelchange_events_total", "collection=\"books\"", BOOKS_SHAPE, "operation=\"update\""))
        .isEqualTo(1);
  }

  @Test
  @Order(2)
  void readinessGoesDownWhileMongoDbIsCutAndUpWhenItIsBack() throws Exception {
    await().atMost(WAIT).until(() -> readiness().up());
    double reconnects = meter("modelchange_reconnects_total", "collection=\"books\"", BOOKS_SHAPE);

    cutMongoDb.run();
    try {
      await().atMost(WAIT).until(() -> readiness().down());
      Readiness down = readiness();
      assertThat(down.http()).isEqualTo(503);
      assertThat(down.data(BOOKS)).startsWith("RETRYING for ");
      assertThat(down.data(BOOKS + ".problem")).startsWith("MODELCHANGE-150 The change stream " + BOOKS
          + " has been retrying for ");
      assertThat(meter("modelchange_state", "collection=\"books\"", BOOKS_SHAPE, "state=\"RETRYING\"")).isEqualTo(1);
    } finally {
      restoreMongoDb.run();
    }

    await().atMost(WAIT).until(() -> readiness().up());
    assertThat(readiness().data(BOOKS)).isEqualTo("OPEN");
    assertThat(meter("modelchange_reconnects_total", "collection=\"books\"", BOOKS_SHAPE)).isGreaterThan(reconnects);
  }
}
