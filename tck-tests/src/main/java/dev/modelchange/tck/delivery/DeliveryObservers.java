package dev.modelchange.tck.delivery;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.tck.Recorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Records every change of each delivery model. */
@ApplicationScoped
public class DeliveryObservers {
  private final Recorder<Book> books = new Recorder<>();
  private final Recorder<Author> authors = new Recorder<>();
  private final Recorder<BlogPost> posts = new Recorder<>();
  private final Recorder<Tag> tags = new Recorder<>();
  private final Recorder<Ledger> ledgers = new Recorder<>();

  void onBook(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
    books.record(e);
  }

  void onAuthor(@Observes @ModelChange(Author.class) ChangeEvent<Author> e) {
    authors.record(e);
  }

  void onPost(@Observes @ModelChange(BlogPost.class) ChangeEvent<BlogPost> e) {
    posts.record(e);
  }

  void onTag(@Observes @ModelChange(Tag.class) ChangeEvent<Tag> e) {
    tags.record(e);
  }

  void onLedger(@Observes @ModelChange(Ledger.class) ChangeEvent<Ledger> e) {
    ledgers.record(e);
  }

  public Recorder<Book> books() {
    return books;
  }

  public Recorder<Author> authors() {
    return authors;
  }

  public Recorder<BlogPost> posts() {
    return posts;
  }

  public Recorder<Tag> tags() {
    return tags;
  }

  public Recorder<Ledger> ledgers() {
    return ledgers;
  }
}
