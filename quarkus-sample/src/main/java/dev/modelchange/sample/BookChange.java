package dev.modelchange.sample;

import dev.modelchange.ChangeEvent;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;

/** A change of a book, as a GraphQL subscription sends it. */
@Description("A change of a book: what happened and the book as it is now")
public record BookChange(
    @Description("insert, update, replace or delete") String operation,
    String id,
    String title,
    String author,
    String userId,
    Boolean published,
    @Description("when the sample wrote the book (null if something else did): the live page shows the time "
        + "from the write to the screen") Instant updatedAt) {

  static BookChange of(ChangeEvent<Book> change) {
    Book book = change.fullDocument().orElse(null);
    // The in-memory demo MongoDB sends updates without the document's _id; the looked-up document has it.
    String id = change.id() != null ? change.id() : book != null ? book.getId() : null;
    return book == null
        ? new BookChange(change.operationType().getValue(), id, null, null, null, null, null)
        : new BookChange(change.operationType().getValue(), id, book.getTitle(), book.getAuthor(), book.getUserId(),
            book.isPublished(), book.getUpdatedAt());
  }
}
