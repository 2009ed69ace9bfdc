import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * A GraphQL subscription client for the sample, with the JDK only (no build):
 * {@code java quarkus-sample/src/demo/BookChanges.java alice [ws://localhost:8080/graphql]}. Subscribes to
 * {@code bookChanged(userId)} over the graphql-transport-ws protocol and prints each change until stopped.
 */
public class BookChanges {
  public static void main(String[] args) throws Exception {
    String userId = args.length > 0 ? args[0] : "alice";
    URI uri = URI.create(args.length > 1 ? args[1] : "ws://localhost:8080/graphql");
    CountDownLatch closed = new CountDownLatch(1);
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
        .buildAsync(uri, new WebSocket.Listener() {
          private final StringBuilder message = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
              String text = message.toString();
              message.setLength(0);
              if (text.contains("\"connection_ack\"")) {
                ws.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { "
                    + "bookChanged(userId: \\\"" + userId + "\\\") { operation id title author } }\"}}", true);
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
            closed.countDown();
            return null;
          }

          @Override
          public void onError(WebSocket ws, Throwable error) {
            error.printStackTrace();
            closed.countDown();
          }
        }).join();
    socket.sendText("{\"type\":\"connection_init\"}", true);
    closed.await();
  }
}
