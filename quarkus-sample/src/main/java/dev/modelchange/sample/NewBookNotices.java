package dev.modelchange.sample;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.Delivery;
import dev.modelchange.ModelChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Date;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

/**
 * Use case 4, a side effect that must happen once per application, however many instances of it run: a notice of
 * each book added to anyone's library ("alice added Dune, by Frank Herbert"), written to the collection
 * {@value #COLLECTION} and listed by {@code GET /notices}, as a mail to the librarian or a call to another system
 * would be made.
 *
 * <p>The observer is {@link Delivery#ONE_INSTANCE}: the instances of the application (its
 * {@code modelchange.group}) share one position behind a lease in the resume-token store, and only the instance
 * holding the lease receives the change. An {@code EACH_INSTANCE} observer here would write the notice once per
 * running instance. Delivery is at least once (after a crash of the holder, the changes since its last checkpoint
 * come again to the next holder), so the notice is written idempotently: its {@code _id} is the book's, and a
 * notice already there is left as it is.
 */
@ApplicationScoped
public class NewBookNotices {
  /** The collection of notices. */
  public static final String COLLECTION = "book-notices";
  private static final Logger LOG = Logger.getLogger(NewBookNotices.class);
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

  @Inject
  LibraryDatabase db;

  void onBookAdded(@Observes @ModelChange(value = Book.class, operations = OperationType.INSERT,
      delivery = Delivery.ONE_INSTANCE) ChangeEvent<Book> change) {
    Book book = change.fullDocument().orElse(null);
    if (book == null || change.id() == null || !ObjectId.isValid(change.id())) {
      LOG.warnf("No notice for the insert of %s: the event has no book or no book id", change.documentKey());
      return;
    }
    boolean written = db.notices().updateOne(Filters.eq("_id", new ObjectId(change.id())), Updates.combine(
        Updates.setOnInsert("title", book.getTitle()),
        Updates.setOnInsert("author", book.getAuthor()),
        Updates.setOnInsert("userId", book.getUserId()),
        Updates.setOnInsert("noticedAt", new Date())), UPSERT).getUpsertedId() != null;
    if (written) {
      LOG.infof("Notice: %s added %s, by %s", book.getUserId(), book.getTitle(), book.getAuthor());
    } else {
      LOG.infof("The notice of book %s was written already (a change delivered again): left as it is", change.id());
    }
  }
}
