package dev.modelchange.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The sample's REST API as a curl user calls it: JSON over HTTP, with the JDK's client. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  /** Sends a request with {@code body} as JSON (none when null); the response's status and JSON body. */
  Response send(String method, String path, Object body) {
    try {
      return sendRaw(method, path, body == null ? null : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends a request with this text as its {@code application/json} body (none when null), as curl {@code -d}
   * does; the response's status and JSON body (null when empty).
   */
  Response sendRaw(String method, String path, String body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
          .header("Content-Type", "application/json").header("Accept", "application/json");
      request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body));
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(),
          response.body().isEmpty() ? null : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a book; its id. */
  String createBook(String title, String author, String userId) {
    Response r = send("POST", "books", Map.of("title", title, "author", author, "userId", userId));
    if (r.status() != 201) {
      throw new IllegalStateException("POST /books answered " + r.status() + " " + r.json());
    }
    return r.json().get("id").asText();
  }

  record Response(int status, JsonNode json) {}
}
