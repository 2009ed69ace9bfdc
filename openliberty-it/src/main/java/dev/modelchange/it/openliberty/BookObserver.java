package dev.modelchange.it.openliberty;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ModelChange;
import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Records every change of {@link Book} that ModelChange delivers: in memory (reported by {@link BooksServlet}),
 * and appended to a file ({@code it.deliveries.file}) so that the test also sees what an application instance
 * received just before it was stopped.
 */
@ApplicationScoped
public class BookObserver {

  /** One delivery, as the observer saw it. */
  public record Delivery(String operation, String id, String title, String thread, String threadClass,
      boolean manageableThread) {}

  private final String instance = UUID.randomUUID().toString();
  private final Instant createdAt = Instant.now();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> gaps = new ArrayList<>();
  private final Optional<Path> file = ConfigProvider.getConfig()
      .getOptionalValue("it.deliveries.file", String.class).map(Path::of);

  void onBook(@Observes @ModelChange(Book.class) ChangeEvent<Book> e) {
    Thread t = Thread.currentThread();
    Delivery d = new Delivery(e.operationType().name(), e.id(), e.fullDocument().map(Book::getTitle).orElse(null),
        t.getName(), t.getClass().getName(), t instanceof ManageableThread);
    synchronized (this) {
      deliveries.add(d);
    }
    file.ifPresent(f -> append(f, String.join("\t", instance, d.operation(), String.valueOf(d.id()),
        String.valueOf(d.title()), d.thread()) + "\n"));
  }

  void onFailure(@Observes ChangeStreamFailure failure) {
    synchronized (this) {
      failures.add(failure.toString());
    }
  }

  void onGap(@Observes ChangeStreamGap gap) {
    synchronized (this) {
      gaps.add(gap.toString());
    }
  }

  private static void append(Path f, String line) {
    try {
      Files.writeString(f, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Identifies this application instance: a restart makes a new one. */
  public String instance() {
    return instance;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  public synchronized List<String> gaps() {
    return List.copyOf(gaps);
  }
}
