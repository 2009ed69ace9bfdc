import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * A GraphQL subscription client for the sample, with the JDK only (no build):
 * {@code java quarkus-sample/src/demo/BookChanges.java alice [ws://localhost:8080/graphql]}. Subscribes to
 * {@code bookChanged(userId)} over the graphql-transport-ws protocol and prints each change until stopped. The user
 * name goes in the request's variables, as a JSON string, so that any name (quotes included) is sent as typed.
 */
public class BookChanges {
  private static final String QUERY = "subscription ($userId: String!) { "
      + "bookChanged(userId: $userId) { operation id title author } }";
  private static final String START = "mvn -B -q package -DskipTests -pl quarkus-sample -am"
      + " && java -jar quarkus-sample/target/quarkus-app/quarkus-run.jar";

  public static void main(String[] args) throws InterruptedException {
    String userId = args.length > 0 ? args[0] : "alice";
    URI uri = URI.create(args.length > 1 ? args[1] : "ws://localhost:8080/graphql");
    CountDownLatch closed = new CountDownLatch(1);
    WebSocket socket;
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
          .buildAsync(uri, new Printer(userId, closed)).join();
    } catch (CompletionException e) {
      System.err.println("No sample answers at " + uri + " (" + why(e.getCause()) + "). Start it first: " + START);
      System.exit(1);
      return;
    }
    socket.sendText("{\"type\":\"connection_init\"}", true);
    closed.await();
  }

  /** Subscribes once the server acknowledges the connection, then prints every message. */
  private static final class Printer implements WebSocket.Listener {
    private final String userId;
    private final CountDownLatch closed;
    private final StringBuilder message = new StringBuilder();

    Printer(String userId, CountDownLatch closed) {
      this.userId = userId;
      this.closed = closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        String text = message.toString();
        message.setLength(0);
        if (text.contains("\"connection_ack\"")) {
          ws.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":" + json(QUERY)
              + ",\"variables\":{\"userId\":" + json(userId) + "}}}", true);
          System.out.println("subscribed to the books of " + userId);
        } else if (text.contains("\"ping\"")) {
          ws.sendText("{\"type\":\"pong\"}", true);
        } else {
          System.out.println(text);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      System.err.println("The sample closed the subscription (" + status + (reason.isEmpty() ? "" : " " + reason)
          + ")");
      closed.countDown();
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      System.err.println("Connection to the sample lost (" + why(error) + ")");
      closed.countDown();
    }
  }

  /** One line on why a connection failed, without a stack trace. */
  private static String why(Throwable error) {
    if (error instanceof ConnectException) {
      return "connection refused: is it running, on this port?";
    }
    if (error instanceof WebSocketHandshakeException handshake) {
      return "HTTP " + handshake.getResponse().statusCode() + " instead of a WebSocket: is this the sample?";
    }
    if (error instanceof IOException && error.getMessage() != null) {
      return error.getMessage();
    }
    return String.valueOf(error);
  }

  /** The text as a JSON string, quotes included (RFC 8259: quote, backslash and control characters escaped). */
  static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
