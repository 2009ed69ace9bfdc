package dev.modelchange.sample;

import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ModelChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Use case 2, cache invalidation: evicts a book from {@link BookCatalog}'s cache when MongoDB reports that it was
 * updated, replaced or deleted, whoever wrote it, and clears the whole cache when ModelChange reports a gap
 * (changes may have been missed, so no entry can be trusted).
 *
 * <p>This eviction comes a moment after the write (the change has to travel through the change stream). The
 * sample's own writes therefore also evict at once, in {@link BookResource}, so that a read right after a write
 * through this application sees it; this observer is what catches writes made anywhere else.
 */
@ApplicationScoped
public class BookCacheInvalidator {
  private static final Logger LOG = Logger.getLogger(BookCacheInvalidator.class);

  @Inject
  BookCatalog catalog;

  void onChange(@Observes @ModelChange(value = Book.class,
      operations = {OperationType.UPDATE, OperationType.REPLACE, OperationType.DELETE}) ChangeEvent<Book> change) {
    String operation = change.operationType().getValue();
    if (change.id() != null) {
      catalog.evict(change.id(), "change stream: " + operation);
      LOG.infof("Evicted book %s from the cache (%s)", change.id(), operation);
    } else {
      // Real MongoDB always says which document changed. The in-memory demo server does not for updates
      // (documentKey holds the update instead of the _id), so here the only safe eviction is all of them.
      catalog.clear("change stream: " + operation + " without _id (demo MongoDB)");
      LOG.infof("Cleared the book cache: the %s event does not say which book (the demo MongoDB omits the _id)",
          operation);
    }
  }

  void onGap(@Observes ChangeStreamGap gap) {
    if (gap.modelType() == Book.class) {
      catalog.clear("change stream gap: " + gap.reason());
      LOG.warnf("Cleared the book cache: the change stream of %s has a gap (%s)", gap.namespace(), gap.reason());
    }
  }
}
