package dev.modelchange.sample;

import jakarta.validation.constraints.NotBlank;

/**
 * A book as a client sends it to create ({@code POST /books}) or replace ({@code PUT /books/{id}}) one: every field
 * but {@code published} (default false) is required; any other JSON field is refused (400 naming it), since a
 * misspelt field would otherwise be dropped without a word.
 */
public record BookInput(@NotBlank String title, @NotBlank String author, @NotBlank String userId,
    boolean published) {

  Book toBook() {
    return new Book(title, author, userId, published);
  }
}
