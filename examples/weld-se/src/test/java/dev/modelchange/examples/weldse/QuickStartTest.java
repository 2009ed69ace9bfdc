package dev.modelchange.examples.weldse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quick start as a user runs it, {@link QuickStart#main}, against the in-JVM MongoDB (which stands in for the
 * replica set of {@code microprofile-config.properties}, through a system property): given the container started,
 * when books are written, then its observers and its listener log them; Enter stops it.
 */
class QuickStartTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  /** Held here: java.util.logging keeps its loggers only weakly. */
  private final Logger examples = Logger.getLogger("dev.modelchange.examples.weldse");
  /**
   * The in-JVM server logs an error with a stack trace for each {@code hello} it does not know (the driver then
   * falls back to {@code isMaster}): quiet here, so that the test's output shows the quick start's own log.
   */
  private final List<Logger> demoServer = List.of(
      Logger.getLogger("de.bwaldvogel.mongo.backend.AbstractMongoDatabase"),
      Logger.getLogger("de.bwaldvogel.mongo.wire.MongoDatabaseHandler"));
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      lines.add(formatter.formatMessage(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private MongoServer server;
  private String uri;
  private InputStream stdin;

  @BeforeEach
  void startMongoDb() {
    demoServer.forEach(logger -> logger.setLevel(java.util.logging.Level.OFF));
    server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    server.bind("127.0.0.1", 0);
    uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/library";
    // a system property wins over META-INF/microprofile-config.properties, as MicroProfile Config orders them
    System.setProperty("modelchange.mongodb.uri", uri);
    examples.addHandler(capture);
    stdin = System.in;
  }

  @AfterEach
  void stopMongoDb() {
    System.setIn(stdin);
    examples.removeHandler(capture);
    System.clearProperty("modelchange.mongodb.uri");
    server.shutdownNow();
  }

  @Test
  void theQuickStartLogsTheChangesOfBooksUntilEnterIsPressed() throws Exception {
    PipedOutputStream keyboard = new PipedOutputStream();
    System.setIn(new PipedInputStream(keyboard));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread app = new Thread(() -> {
      try {
        QuickStart.main(new String[0]);
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "quick-start");
    app.start();
    await().atMost(WAIT).until(() -> lines.contains("Listening for changes of books; press Enter to stop")
        || failure.get() != null);
    assertThat(failure.get()).isNull();

    try (MongoClient client = MongoClients.create(uri)) {
      MongoCollection<Document> books = client.getDatabase("library").getCollection("books");
      ObjectId dune = new ObjectId();
      books.insertOne(new Document("_id", dune).append("title", "Dune").append("published", true));
      ObjectId draft = new ObjectId();
      books.insertOne(new Document("_id", draft).append("title", "Draft").append("published", false));
      books.updateOne(Filters.eq("_id", dune), Updates.set("title", "Dune Messiah"));

      await().atMost(WAIT).untilAsserted(() -> assertThat(lines).contains(
          "New book " + dune.toHexString() + ": \"Dune\"",
          "New book " + draft.toHexString() + ": \"Draft\"",
          "Book " + dune.toHexString() + " was insert",
          "Book " + draft.toHexString() + " was insert",
          "Published: \"Dune\"",
          "Book " + dune.toHexString() + " is now titled \"Dune Messiah\""));
      assertThat(lines).doesNotContain("Published: \"Draft\"");
      // the in-JVM server's update events carry no _id (real MongoDB's do): the default stream's id() is null
      await().atMost(WAIT).until(() -> lines.contains("Book null was update"));
    }

    keyboard.write('\n');
    keyboard.flush();
    app.join(WAIT.toMillis());
    assertThat(app.isAlive()).as("the quick start stopped on Enter").isFalse();
    assertThat(failure.get()).isNull();
  }
}
