package dev.modelchange.sample;

import java.time.Instant;

/**
 * The answer to {@code GET /books/{id}}: the book, when it was read from MongoDB, and whether this read was served
 * by the cache ({@code hit}) or went to MongoDB ({@code miss}).
 */
public record BookRead(Book book, Instant loadedAt, String cache) {
  public static final String HIT = "hit";
  public static final String MISS = "miss";
}
