package dev.modelchange.sample;

import java.time.Instant;

/** "A book was added", as {@link NewBookNotices} wrote it once for the whole application. */
public record BookNotice(String bookId, String title, String author, String userId, Instant noticedAt) {}
