package dev.modelchange.sample;

import jakarta.validation.constraints.Pattern;

/**
 * The fields a {@code PATCH /books/{id}} sets; a field left out (null) is unchanged, one given must not be blank.
 * A patch that gives none is refused ({@link #requireSomeField()}).
 */
public record BookPatch(
    @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
    @Pattern(regexp = NOT_BLANK, message = "must not be blank") String author,
    @Pattern(regexp = NOT_BLANK, message = "must not be blank") String userId,
    Boolean published) {
  /** At least one character that is not white space (a null value is not checked: it means "unchanged"). */
  static final String NOT_BLANK = "(?s).*\\S.*";

  /** @throws InvalidInputException when the patch changes nothing */
  void requireSomeField() {
    if (title == null && author == null && userId == null && published == null) {
      throw new InvalidInputException("body", "give at least one of title, author, userId, published");
    }
  }
}
