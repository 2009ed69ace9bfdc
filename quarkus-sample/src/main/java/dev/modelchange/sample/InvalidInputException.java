package dev.modelchange.sample;

/**
 * A request that Bean Validation cannot judge field by field (a PATCH that names no field): answered 400, naming
 * the field at fault, in the same shape as a constraint violation.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
