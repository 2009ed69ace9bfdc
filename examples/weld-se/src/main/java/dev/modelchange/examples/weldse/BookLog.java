package dev.modelchange.examples.weldse;

import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Observers of book changes: ModelChange finds them when the container starts and opens their change streams. */
@ApplicationScoped
public class BookLog {
  private static final Logger LOG = System.getLogger(BookLog.class.getName());

  /** Every change of a book (insert, update, replace, delete), in order, on the collection's worker thread. */
  void onChange(@Observes @ModelChange(Book.class) ChangeEvent<Book> change) {
    LOG.log(Level.INFO, "Book {0} was {1}", change.id(), change.operationType().getValue());
  }

  /** Updates, with the book as it is after the update, looked up by MongoDB. */
  void onUpdate(@Observes @ModelChange(value = Book.class, operations = OperationType.UPDATE,
      fullDocument = FullDocument.UPDATE_LOOKUP) ChangeEvent<Book> change) {
    change.fullDocument().ifPresent(book -> LOG.log(Level.INFO, "Book {0} is now titled \"{1}\"", book.getId(),
        book.getTitle()));
  }

  /** Only inserts of published books, notified asynchronously (fireAsync). */
  void onPublished(@ObservesAsync @ModelChange(value = Book.class, operations = OperationType.INSERT,
      filter = "{\"published\": true}") ChangeEvent<Book> change) {
    LOG.log(Level.INFO, "Published: \"{0}\"", change.fullDocument().map(Book::getTitle).orElseThrow());
  }
}
