package dev.modelchange.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error the sample's REST API answers: the status, one sentence saying what is wrong, and what it
 * is about: the fields at fault (400) or the id that names nothing (404).
 *
 * <pre>{@code {"status":400,"message":"title: must not be blank","violations":[{"field":"title","message":"must not be blank"}]}
 * {"status":404,"message":"No book 65f0c0ffee0000000000000a","id":"65f0c0ffee0000000000000a"}}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String message, List<Violation> violations, String id) {

  /** A field of the request that is wrong, and why. */
  public record Violation(String field, String message) {}

  /** 400: the request's fields, each with what is wrong with it. */
  static ApiError invalid(List<Violation> violations) {
    StringBuilder message = new StringBuilder();
    for (Violation v : violations) {
      message.append(message.length() == 0 ? "" : "; ").append(v.field()).append(": ").append(v.message());
    }
    return new ApiError(400, message.toString(), List.copyOf(violations), null);
  }

  /** 404: nothing has this id. */
  static ApiError notFound(String message, String id) {
    return new ApiError(404, message, null, id);
  }
}
