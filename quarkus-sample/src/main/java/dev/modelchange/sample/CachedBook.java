package dev.modelchange.sample;

import java.time.Instant;

/**
 * A book as the cache holds it, with the moment it was read from MongoDB: two reads with the same
 * {@code loadedAt} were served by the cache.
 */
public record CachedBook(Book book, Instant loadedAt) {}
