package dev.modelchange.sample;

import com.mongodb.client.model.Filters;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;

/**
 * Reads books through the cache {@value #CACHE}. Nothing here evicts: {@link BookCacheInvalidator} does, when
 * MongoDB reports a change, whoever made it (this application, another instance, a script, the shell).
 */
@ApplicationScoped
public class BookCatalog {
  /** The name of the cache of books, by id. */
  public static final String CACHE = "books";

  @Inject
  LibraryDatabase db;

  /**
   * The book, from the cache or else from MongoDB.
   *
   * @throws NotFoundException when there is no such book (not cached)
   */
  @CacheResult(cacheName = CACHE)
  public CachedBook find(String id) {
    Book book = db.books().find(Filters.eq("_id", LibraryDatabase.objectId(id))).first();
    if (book == null) {
      throw new NotFoundException("No book " + id);
    }
    return new CachedBook(book, Instant.now());
  }
}
