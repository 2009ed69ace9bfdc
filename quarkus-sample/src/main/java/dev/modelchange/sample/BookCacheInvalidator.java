package dev.modelchange.sample;

import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ModelChange;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Use case 2, cache invalidation: evicts a book from {@link BookCatalog}'s cache when MongoDB reports that it was
 * updated, replaced or deleted, and clears the whole cache when ModelChange reports a gap (changes may have been
 * missed, so no entry can be trusted).
 */
@ApplicationScoped
public class BookCacheInvalidator {
  private static final Logger LOG = Logger.getLogger(BookCacheInvalidator.class);

  @Inject
  @CacheName(BookCatalog.CACHE)
  Cache cache;

  void onChange(@Observes @ModelChange(value = Book.class,
      operations = {OperationType.UPDATE, OperationType.REPLACE, OperationType.DELETE}) ChangeEvent<Book> change) {
    if (change.id() != null) {
      cache.invalidate(change.id()).await().indefinitely();
      LOG.infof("Evicted book %s from the cache (%s)", change.id(), change.operationType().getValue());
    } else {
      // Real MongoDB always says which document changed. The in-memory demo server does not for updates
      // (documentKey holds the update instead of the _id), so here the only safe eviction is all of them.
      cache.invalidateAll().await().indefinitely();
      LOG.infof("Cleared the book cache: the %s event does not say which book (the demo MongoDB omits the _id)",
          change.operationType().getValue());
    }
  }

  void onGap(@Observes ChangeStreamGap gap) {
    if (gap.modelType() == Book.class) {
      cache.invalidateAll().await().indefinitely();
      LOG.warnf("Cleared the book cache: the change stream of %s has a gap (%s)", gap.namespace(), gap.reason());
    }
  }
}
