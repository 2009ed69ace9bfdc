package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Use case 1: a GraphQL client subscribes over WebSocket (graphql-transport-ws) to the changes of alice's books and
 * receives exactly those, until it goes, when its ModelChange listener is unsubscribed.
 */
@QuarkusTest
class BookSubscriptionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TestHTTPResource("/")
  URL base;
  @Inject
  BookSubscriptions subscriptions;

  @Test
  void aSubscriberReceivesTheChangesOfItsUsersBooksUntilItGoes() throws Exception {
    Http http = new Http(base.toURI());
    GraphQlClient client = GraphQlClient.connect(URI.create("ws://" + base.getHost() + ":" + base.getPort()
        + "/graphql"));
    client.subscribe("1", "subscription { bookChanged(userId: \"alice\") { operation id title userId } }");
    await().atMost(WAIT).until(() -> subscriptions.activeSubscriptions() == 1);

    http.createBook("Bob's book", "Bob", "bob");
    String dune = http.createBook("Dune", "Frank Herbert", "alice");
    http.send("PATCH", "books/" + dune, Map.of("title", "Dune Messiah"));
    // the update's document is looked up when the change is read: delete only once it has been
    await().atMost(WAIT).until(() -> client.next().size() == 2);
    http.send("DELETE", "books/" + dune, null);
    String marker = http.createBook("The End", "Anyone", "alice");

    await().atMost(WAIT).until(() -> client.next().size() == 3);
    assertThat(client.next()).extracting(n -> n.get("operation").asText() + " " + n.get("id").asText() + " "
        + n.get("title").asText() + " " + n.get("userId").asText())
        // bob's book is not alice's; the delete carries no document to match userId against (see BookSubscriptions)
        .containsExactly("insert " + dune + " Dune alice", "update " + dune + " Dune Messiah alice",
            "insert " + marker + " The End alice");

    client.close();
    await().atMost(WAIT).until(() -> subscriptions.activeSubscriptions() == 0);
  }

  /** A minimal graphql-transport-ws client on the JDK's WebSocket. */
  static final class GraphQlClient implements WebSocket.Listener {
    private final List<JsonNode> next = new CopyOnWriteArrayList<>();
    private final List<String> acks = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static GraphQlClient connect(URI uri) {
      GraphQlClient client = new GraphQlClient();
      client.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
          .buildAsync(uri, client).join();
      client.send(Map.of("type", "connection_init"));
      await().atMost(WAIT).until(() -> client.acks.contains("connection_ack"));
      return client;
    }

    void subscribe(String id, String query) {
      send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query)));
    }

    /** The payloads received so far, in order. */
    List<JsonNode> next() {
      return List.copyOf(next);
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    private void send(Object message) {
      try {
        socket.sendText(Http.JSON.writeValueAsString(message), true).join();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = Http.JSON.readTree(partial.toString());
          partial.setLength(0);
          String type = message.get("type").asText();
          if (type.equals("next")) {
            next.add(message.get("payload").get("data").get("bookChanged"));
          } else {
            acks.add(type);
          }
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
