package dev.modelchange.tck.delivery;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.tck.Recorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A second, independent observer of books, in another bean. */
@ApplicationScoped
public class SecondBookObserver {
  private final Recorder<Book> books = new Recorder<>();

  void onBook(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
    books.record(e);
  }

  public Recorder<Book> books() {
    return books;
  }
}
