package dev.modelchange.sample;

import com.mongodb.client.model.Filters;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.types.ObjectId;

/**
 * Reads books through the cache {@value #CACHE}, and evicts from it. Two kinds of code evict: this application's
 * own writes ({@link BookResource}), right after writing, so that its next read sees the write; and
 * {@link BookCacheInvalidator}, when MongoDB's change stream reports a change, whoever made it (another instance, a
 * script, the shell), which happens a moment later. Every read and eviction is published to {@link CacheEvents}.
 */
@ApplicationScoped
public class BookCatalog {
  /** The name of the cache of books, by id. */
  public static final String CACHE = "books";

  @Inject
  LibraryDatabase db;
  @Inject
  @CacheName(CACHE)
  Cache cache;
  @Inject
  CacheEvents events;

  /**
   * The book, from the cache ({@code hit}) or else from MongoDB ({@code miss}, then cached).
   *
   * @throws DocumentNotFoundException when there is no such book (nothing is cached then)
   */
  public BookRead read(String id) {
    ObjectId objectId = LibraryDatabase.objectId("book", id);
    AtomicBoolean loaded = new AtomicBoolean();
    CachedBook cached = cache.get(id, key -> {
      loaded.set(true);
      Book book = db.books().find(Filters.eq("_id", objectId)).first();
      if (book == null) {
        throw new DocumentNotFoundException("book", id);
      }
      return new CachedBook(book, Instant.now());
    }).await().indefinitely();
    String outcome = loaded.get() ? BookRead.MISS : BookRead.HIT;
    events.publish(new CacheEvent(outcome, id, cached.book().getTitle(), null, Instant.now()));
    return new BookRead(cached.book(), cached.loadedAt(), outcome);
  }

  /** Evicts one book; {@code reason} says who and why, for the cache's watchers. */
  public void evict(String id, String reason) {
    cache.invalidate(id).await().indefinitely();
    events.publish(new CacheEvent(CacheEvent.EVICTED, id, null, reason, Instant.now()));
  }

  /** Evicts every book; {@code reason} says who and why. */
  public void clear(String reason) {
    cache.invalidateAll().await().indefinitely();
    events.publish(new CacheEvent(CacheEvent.CLEARED, null, null, reason, Instant.now()));
  }
}
