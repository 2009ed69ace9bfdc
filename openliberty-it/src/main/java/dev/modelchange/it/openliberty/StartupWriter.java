package dev.modelchange.it.openliberty;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Application start-up code that writes a book, as seed-data loaders do, when {@code it.startup-write.delay} is
 * zero or more; then it goes on "starting" for that many milliseconds. It runs after ModelChange's own start-up
 * observer (which has priority {@code LIBRARY_BEFORE}), so by ModelChange's contract its change reaches the
 * observers.
 */
@ApplicationScoped
public class StartupWriter {
  private volatile String bookId;

  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class) Object e,
      BookStore store) throws InterruptedException {
    long delay = ConfigProvider.getConfig().getOptionalValue("it.startup-write.delay", Long.class).orElse(-1L);
    if (delay >= 0) {
      bookId = store.insert("written at start-up", "StartupWriter");
      Thread.sleep(delay);
    }
  }

  /** The id of the book written at start-up; null when none was. */
  public String bookId() {
    return bookId;
  }
}
