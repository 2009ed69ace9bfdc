package dev.modelchange.benchmarks;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.benchmarks.model.Book;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The observers of the dispatch figures: synchronous, one model, no filter, as in DESIGN.md's example. */
public final class DispatchObservers {
  private DispatchObservers() {}

  /** One observer. */
  @ApplicationScoped
  public static class One {
    void on(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }
  }

  /** Ten observers of the same events, in one bean. */
  @ApplicationScoped
  public static class Ten {
    void on0(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on1(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on2(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on3(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on4(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on5(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on6(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on7(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on8(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }

    void on9(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
      Sink.consume(e);
    }
  }
}
