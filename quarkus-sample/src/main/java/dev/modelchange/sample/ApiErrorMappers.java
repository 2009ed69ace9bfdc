package dev.modelchange.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns what a request got wrong into an {@link ApiError}: 400 naming the field (Bean Validation, an unknown or
 * mistyped JSON field, malformed JSON), 404 naming the id. Quarkus' own mappers would answer these too, but with
 * the Java method and parameter names in the field ({@code create.body.title}) or, for JSON, with no body outside
 * dev mode.
 */
public class ApiErrorMappers {
  private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

  @ServerExceptionMapper
  public RestResponse<ApiError> notFound(DocumentNotFoundException e) {
    return RestResponse.status(Response.Status.NOT_FOUND, ApiError.notFound(e.getMessage(), e.id()));
  }

  @ServerExceptionMapper
  public RestResponse<ApiError> invalidInput(InvalidInputException e) {
    return badRequest(List.of(new ApiError.Violation(e.field(), e.getMessage())));
  }

  @ServerExceptionMapper
  public RestResponse<ApiError> constraintViolation(ConstraintViolationException e) {
    if (e.getConstraintViolations().stream().anyMatch(ApiErrorMappers::isReturnValue)) {
      // what the sample returned broke a constraint: its fault, not the client's
      LOG.error("A response broke a constraint", e);
      return RestResponse.status(Response.Status.INTERNAL_SERVER_ERROR,
          new ApiError(500, "Internal error", null, null));
    }
    return badRequest(e.getConstraintViolations().stream()
        .map(v -> new ApiError.Violation(field(v.getPropertyPath()), v.getMessage()))
        .sorted(Comparator.comparing(ApiError.Violation::field).thenComparing(ApiError.Violation::message))
        .toList());
  }

  /** A JSON field that the request type does not have: the name is the likeliest a typo. */
  @ServerExceptionMapper
  public RestResponse<ApiError> unknownField(UnrecognizedPropertyException e) {
    String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(String::valueOf)
        .sorted().collect(Collectors.joining(", "));
    return badRequest(List.of(new ApiError.Violation(jsonPath(e), "unknown field"
        + (known.isEmpty() ? "" : " (the fields are: " + known + ")"))));
  }

  /** A JSON value of the wrong type ({@code "published": "yes"}), or a body that is not an object. */
  @ServerExceptionMapper
  public RestResponse<ApiError> mistypedField(MismatchedInputException e) {
    String field = jsonPath(e);
    String expected = e.getTargetType() != null ? "expected " + describe(e.getTargetType()) : e.getOriginalMessage();
    return badRequest(List.of(new ApiError.Violation(field.isEmpty() ? "body" : field, expected)));
  }

  /**
   * Malformed JSON, which Quarkus' JSON reader reports as a {@code WebApplicationException} (400) around Jackson's
   * exception; every other {@code WebApplicationException} keeps its own response.
   */
  @ServerExceptionMapper
  public Response malformedJson(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return badRequest(List.of(new ApiError.Violation("body", "not valid JSON: " + json.getOriginalMessage())))
          .toResponse();
    }
    return e.getResponse();
  }

  private static RestResponse<ApiError> badRequest(List<ApiError.Violation> violations) {
    return RestResponse.status(Response.Status.BAD_REQUEST, ApiError.invalid(violations));
  }

  private static boolean isReturnValue(ConstraintViolation<?> v) {
    for (Path.Node node : v.getPropertyPath()) {
      if (node.getKind() == ElementKind.RETURN_VALUE) {
        return true;
      }
    }
    return false;
  }

  /**
   * The field as the client knows it: {@code create.body.title} is {@code title}; a parameter with nothing below
   * it is named itself ({@code body} for a missing body, {@code userId} for a query parameter).
   */
  static String field(Path path) {
    List<String> names = new ArrayList<>();
    boolean parameterFirst = false;
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (names.isEmpty() && node.getKind() == ElementKind.PARAMETER) {
        parameterFirst = true;
      }
      names.add(node.getName());
    }
    if (parameterFirst && names.size() > 1) {
      names.remove(0);
    }
    return String.join(".", names);
  }

  private static String jsonPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    return type.isRecord() ? "a JSON object" : "a " + type.getSimpleName();
  }
}
