package dev.modelchange.benchmarks;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.modelchange.benchmarks.model.Book;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonTimestamp;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.PojoCodecProvider;

/**
 * The benchmarks' collection of {@link Book}s: how it is written, and the raw driver loop that drains its change
 * stream (the baseline of the end-to-end figures on Weld SE and on Quarkus).
 */
public final class Books {
  public static final String DATABASE = "bench";
  public static final String COLLECTION = "books";

  private Books() {}

  /** The driver's default registry plus automatic POJOs: what ModelChange decodes models with by default. */
  public static CodecRegistry pojoRegistry() {
    return CodecRegistries.fromRegistries(MongoClientSettings.getDefaultCodecRegistry(),
        CodecRegistries.fromProviders(PojoCodecProvider.builder().automatic(true).build()));
  }

  public static MongoCollection<Book> books(MongoClient client) {
    return client.getDatabase(DATABASE).getCollection(COLLECTION, Book.class).withCodecRegistry(pojoRegistry());
  }

  /** Inserts {@code n} books (userId = i % 100) with insertMany in batches of 1,000: n oplog entries. */
  public static void insert(MongoClient client, int n) {
    MongoCollection<Book> books = books(client);
    List<Book> batch = new ArrayList<>(1000);
    for (int i = 0; i < n; i++) {
      batch.add(new Book(i % 100, i, "Title " + i, "Author " + (i % 37)));
      if (batch.size() == 1000 || i == n - 1) {
        books.insertMany(batch);
        batch.clear();
      }
    }
  }

  /**
   * Drains the stream from {@code start} with the driver alone (a {@code tryNext()} loop decoding
   * {@code ChangeStreamDocument<Book>}, spinning when empty), on a thread of its own like a watcher, into
   * {@code windows} consecutive windows of {@code n} events.
   *
   * @throws IllegalStateException when the drain fails or does not fill its windows within {@code timeout}
   */
  public static List<DrainWindow> rawDrain(MongoClient client, BsonTimestamp start, int n, int windows,
      long timeout, TimeUnit unit) throws InterruptedException {
    List<DrainWindow> filled = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(() -> {
      DrainWindow window = new DrainWindow(n);
      try (MongoChangeStreamCursor<ChangeStreamDocument<Book>> cursor =
          books(client).watch(Book.class).startAtOperationTime(start).cursor()) {
        while (filled.size() < windows) {
          ChangeStreamDocument<Book> doc = cursor.tryNext();
          if (doc == null) {
            Thread.onSpinWait();
            continue;
          }
          Sink.consume(doc);
          if (window.arrived()) {
            filled.add(window);
            window = new DrainWindow(n);
          }
        }
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "raw-driver-loop");
    thread.start();
    thread.join(unit.toMillis(timeout));
    if (failure[0] != null || filled.size() != windows) {
      throw new IllegalStateException("raw drain filled " + filled.size() + " of " + windows + " windows of " + n,
          failure[0]);
    }
    return filled;
  }
}
