package dev.modelchange.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Something that happened to the book cache, as {@code GET /books/cache-events} streams it to the live page.
 *
 * @param kind {@code hit} or {@code miss} (a read), {@code evicted} (one book), {@code cleared} (all of them)
 * @param bookId the book read or evicted; null when the whole cache was cleared
 * @param title the book's title, for reads
 * @param reason for evictions: who evicted and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheEvent(String kind, String bookId, String title, String reason, Instant at) {
  public static final String EVICTED = "evicted";
  public static final String CLEARED = "cleared";
}
