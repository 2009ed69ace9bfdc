package dev.modelchange.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.modelchange.benchmarks.model.Book;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.messaging.ChangeStreamRequest;
import org.springframework.data.mongodb.core.messaging.DefaultMessageListenerContainer;
import org.springframework.data.mongodb.core.messaging.MessageListener;
import org.springframework.data.mongodb.core.messaging.Subscription;

/**
 * The Spring Data MongoDB contender, as a Spring application watches a collection: a
 * {@link DefaultMessageListenerContainer} on a {@link MongoTemplate}, one {@link ChangeStreamRequest} per
 * collection, each message's body converted to the model by Spring's {@code MappingMongoConverter}
 * ({@code message.getBody()}, as a listener that uses the model does). Spring's task polls with {@code tryNext()}
 * and sleeps 10 ms when nothing came; its listener runs on the task's own thread. No Spring context: the container
 * is what {@code @EnableMongoRepositories}-style configuration would build.
 */
final class SpringContender implements AutoCloseable {
  /** The name prefix of the threads of Spring's default executor (SimpleAsyncTaskExecutor). */
  static final String THREAD_PREFIX = "SimpleAsyncTaskExecutor-";

  private final DefaultMessageListenerContainer container;

  SpringContender(MongoClient client) {
    container = new DefaultMessageListenerContainer(new MongoTemplate(client, Bench.DATABASE));
    container.start();
  }

  /**
   * Watches {@code collection} from {@code startAt} (null: from now), handing each book to {@code onBook}; returns
   * once the cursor is open.
   */
  Subscription listen(String collection, Instant startAt, Consumer<Book> onBook) throws InterruptedException {
    MessageListener<ChangeStreamDocument<Document>, Book> listener = message -> onBook.accept(message.getBody());
    ChangeStreamRequest.ChangeStreamRequestBuilder<Book> request = ChangeStreamRequest.builder(listener)
        .collection(collection);
    if (startAt != null) {
      request.resumeAt(startAt);
    }
    Subscription s = container.register(request.build(), Book.class);
    s.await(Duration.ofSeconds(30));
    return s;
  }

  /**
   * Watches {@code collection} from now, as a generic document listener (the idle figure), through {@code match}
   * (a {@code $match} stage; null: none).
   */
  Subscription listenToDocuments(String collection, Document match, Consumer<Object> onChange)
      throws InterruptedException {
    MessageListener<ChangeStreamDocument<Document>, Document> listener = message -> onChange.accept(message.getRaw());
    ChangeStreamRequest.ChangeStreamRequestBuilder<Document> request = ChangeStreamRequest.builder(listener)
        .collection(collection);
    if (match != null) {
      request.filter(match);
    }
    Subscription s = container.register(request.build(), Document.class);
    s.await(Duration.ofSeconds(30));
    return s;
  }

  @Override
  public void close() {
    container.stop();
  }
}
