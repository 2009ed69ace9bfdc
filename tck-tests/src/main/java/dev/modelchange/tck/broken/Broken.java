package dev.modelchange.tck.broken;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.tck.delivery.Book;
import dev.modelchange.tck.dispatch.Order;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Broken observers: each bean alone must fail deployment with a definition error whose message carries the code
 * and names the bean class and method. {@link #CASES} lists them with the message fragments a runner asserts.
 */
public final class Broken {
  private Broken() {}

  /** A broken bean and what its deployment error must say. */
  public record Case(Class<?> bean, String code, String method, String cause) {}

  public static final List<Case> CASES = List.of(
      new Case(RawObserver.class, "MODELCHANGE-011", "RawObserver.onChange", "raw type ChangeEvent"),
      new Case(WildcardObserver.class, "MODELCHANGE-017", "WildcardObserver.onChange", "no wildcard"),
      new Case(MismatchedObserver.class, "MODELCHANGE-018", "MismatchedObserver.onChange",
          "observes ChangeEvent<Order> but its qualifier is @ModelChange(Book.class)"),
      new Case(UnqualifiedObserver.class, "MODELCHANGE-010", "UnqualifiedObserver.onChange", "without @ModelChange"),
      new Case(BadJsonObserver.class, "MODELCHANGE-012", "BadJsonObserver.onChange", "not valid JSON"),
      new Case(UnsupportedFilterObserver.class, "MODELCHANGE-014", "UnsupportedFilterObserver.onChange",
          "$where is not supported"),
      new Case(UnmappableModelObserver.class, "MODELCHANGE-013", "UnmappableModelObserver.onChange",
          "java.lang.String"));

  /**
   * Observers of a model that the codecs cannot build (no public no-argument constructor, no {@code @BsonCreator}):
   * deployment fails with a {@code MODELCHANGE-013} naming the observer, the model and the fix. With the default
   * codecs (no {@code CodecRegistry} or {@code MongoClient} bean) at boot, as a definition error; with the
   * application's, which only the start knows, when ModelChange starts.
   */
  public static final List<Case> UNDECODABLE = List.of(
      new Case(NoConstructorModelObserver.class, "MODELCHANGE-013", "NoConstructorModelObserver.onChange",
          "NoConstructorModel has neither a public no-argument constructor nor a @BsonCreator"));

  @ApplicationScoped
  @SuppressWarnings("rawtypes")
  public static class RawObserver {
    void onChange(@Observes @ModelChange(Book.class) ChangeEvent e) {}
  }

  @ApplicationScoped
  public static class WildcardObserver {
    void onChange(@Observes @ModelChange(Book.class) ChangeEvent<?> e) {}
  }

  @ApplicationScoped
  public static class MismatchedObserver {
    void onChange(@Observes @ModelChange(Book.class) ChangeEvent<Order> e) {}
  }

  @ApplicationScoped
  public static class UnqualifiedObserver {
    void onChange(@Observes ChangeEvent<Book> e) {}
  }

  @ApplicationScoped
  public static class BadJsonObserver {
    void onChange(@Observes @ModelChange(value = Book.class, filter = "{published: ") ChangeEvent<Book> e) {}
  }

  @ApplicationScoped
  public static class UnsupportedFilterObserver {
    void onChange(@Observes @ModelChange(value = Book.class, filter = "{\"$where\": \"this.a > 1\"}")
        ChangeEvent<Book> e) {}
  }

  @ApplicationScoped
  public static class UnmappableModelObserver {
    void onChange(@Observes @ModelChange(String.class) ChangeEvent<String> e) {}
  }

  /** A model the driver's POJO codec cannot create: its only constructor takes an argument, without @BsonCreator. */
  public static class NoConstructorModel {
    private final String title;

    public NoConstructorModel(String title) {
      this.title = title;
    }

    public String getTitle() {
      return title;
    }
  }

  @ApplicationScoped
  public static class NoConstructorModelObserver {
    void onChange(@Observes @ModelChange(NoConstructorModel.class) ChangeEvent<NoConstructorModel> e) {}
  }
}
