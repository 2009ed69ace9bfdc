package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.store.InMemoryResumeTokenStore;
import dev.modelchange.store.ResumeTokenStores;
import dev.modelchange.testsupport.CapturedLog;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Start-up, shutdown, back-pressure and oversized events lose nothing and never loop (issue 12, points 3 to 6
 * and 11). Each scenario failed on the build before it.
 */
class StartAndStopTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final EngineFixture fixture = new EngineFixture();
  private final CapturedLog log = new CapturedLog("dev.modelchange.engine");

  @AfterEach
  void close() {
    log.close();
    fixture.close();
  }

  /** An observer that blocks on {@code id} until shutdown interrupts it, then throws as interrupted code does. */
  private CountDownLatch stuckOn(String id) {
    CountDownLatch entered = new CountDownLatch(1);
    fixture.observer = e -> {
      if (id.equals(e.id())) {
        entered.countDown();
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted by shutdown", interrupted);
        }
      }
    };
    return entered;
  }

  private void restartWith(ResumeTokenStore store) {
    fixture.engine.close();
    fixture.delivered.clear();
    fixture.observer = e -> { };
    fixture.start(store, CursorOpener.DRIVER);
  }

  @Test
  void aChangeWhoseObserverWasInterruptedByShutdownComesAgainAfterTheRestart() throws Exception {
    InMemoryResumeTokenStore store = new InMemoryResumeTokenStore();
    CountDownLatch entered = stuckOn("interrupted");
    fixture.start(store, CursorOpener.DRIVER);
    fixture.items.insertOne(new Document("_id", "delivered"));
    fixture.items.insertOne(new Document("_id", "interrupted"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    restartWith(store);
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("interrupted"));
    assertThat(fixture.deliveredIds()).as("redelivered after restart").startsWith("interrupted")
        .doesNotContain("delivered");
  }

  @Test
  void aNewStreamStoresItsStartAtOnceSoAStopBeforeItsFirstCheckpointLosesNothing() throws Exception {
    InMemoryResumeTokenStore store = new InMemoryResumeTokenStore();
    CountDownLatch entered = stuckOn("first");
    fixture.start(store, CursorOpener.DRIVER);
    await().atMost(WAIT).until(() -> store.load(EngineFixture.KEY).isPresent());
    fixture.items.insertOne(new Document("_id", "first"));
    fixture.items.insertOne(new Document("_id", "second"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    restartWith(store);
    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("second"));
    assertThat(fixture.deliveredIds()).as("both changes since the first start").containsSubsequence("first",
        "second");
  }

  @Test
  void aStoreThatRefusesItsPasswordFailsTheStartNamingTheStore() throws Exception {
    String url = "jdbc:h2:mem:wrong-password;DB_CLOSE_DELAY=-1";
    try (Connection owner = DriverManager.getConnection(url, "sa", "right")) {
      fixture.config.putAll(Map.of(ConfigKeys.RESUME_TOKEN_STORE, "jdbc", ConfigKeys.RESUME_TOKEN_JDBC_URL, url,
          ConfigKeys.RESUME_TOKEN_JDBC_USER, "sa", ConfigKeys.RESUME_TOKEN_JDBC_PASSWORD, "wrong"));
      ResumeTokenStore store = ResumeTokenStores.fromSettings(
          EngineSettings.from(k -> Optional.ofNullable(fixture.config.get(k))), fixture.client, null).orElseThrow();

      Throwable failure = catchThrowable(() -> fixture.start(store, CursorOpener.DRIVER));

      assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("MODELCHANGE-009")
          .hasMessageContaining("JdbcResumeTokenStore").hasMessageContaining("password");
      assertThat(log.recordsAt(Level.WARNING, "MODELCHANGE-003")).as("MongoDB is not blamed").isEmpty();
    }
  }

  @Test
  void aStoreThatIsOnlyUnreachableCostsNothingWrittenSinceBoot() {
    fixture.config.put(ConfigKeys.STARTUP_TIMEOUT, "3s");
    AtomicInteger loads = new AtomicInteger();
    ResumeTokenStore unreachable = new ResumeTokenStore() {
      @Override
      public Optional<BsonDocument> load(StreamKey key) {
        loads.incrementAndGet();
        throw new IllegalStateException("connection refused");
      }

      @Override
      public void save(StreamKey key, BsonDocument token) {
        throw new IllegalStateException("connection refused");
      }
    };
    Thread boot = new Thread(() -> fixture.start(unreachable, CursorOpener.DRIVER));
    boot.start();
    await().atMost(WAIT).until(() -> loads.get() >= 1);
    fixture.items.insertOne(new Document("_id", "written-during-boot"));

    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("written-during-boot"));
    assertThat(fixture.gaps).singleElement()
        .satisfies(g -> assertThat(g.reason()).isEqualTo(ChangeStreamGap.Reason.UNREADABLE_POSITION));
  }

  @Test
  void anUnreachableMongoDbIsNamedWithItsReasonAndFailOnStartFailsTheStart() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (MongoClient dead = MongoClients.create("mongodb://127.0.0.1:" + closedPort
        + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=500")) {
      for (boolean failOnStart : new boolean[] {false, true}) {
        Map<String, String> config = Map.of(ConfigKeys.MONGODB_DATABASE, "test",
            ConfigKeys.modelCollection(BsonDocument.class.getName()), "items", ConfigKeys.STARTUP_TIMEOUT, "1s",
            ConfigKeys.FAIL_ON_START, String.valueOf(failOnStart));
        ChangeStreamEngine engine = new ChangeStreamEngine(EngineSettings.from(k -> Optional.ofNullable(
            config.get(k))), dead, null, new InMemoryResumeTokenStore(), null, null, List.of());
        try {
          Throwable failure = catchThrowable(() -> engine.start(List.of(ObserverDescriptor.of("t#i", "T.i(ChangeEvent)",
              BsonDocument.class, List.of(), "", com.mongodb.client.model.changestream.FullDocument.DEFAULT, false,
              0)), (o, e) -> null));
          if (failOnStart) {
            assertThat(failure).hasMessageContaining("MODELCHANGE-008")
                .hasMessageContaining("127.0.0.1:" + closedPort).hasMessageContaining("Connection refused");
          } else {
            assertThat(failure).isNull();
            assertThat(log.recordsAt(Level.WARNING, "MODELCHANGE-007")).singleElement().satisfies(r -> assertThat(
                r.getMessage()).contains("127.0.0.1:" + closedPort).contains("Connection refused"));
            assertThat(log.recordsAt(Level.INFO, "MODELCHANGE-006")).as("no blame on the container").isEmpty();
          }
        } finally {
          engine.close();
        }
      }
    }
  }

  @Test
  void asynchronousDeliveriesInFlightAreBoundedAndTheWorkerWaitsAtTheBound() {
    fixture.config.put(ConfigKeys.ASYNC_MAX_IN_FLIGHT, "50");
    ExecutorService slow = Executors.newSingleThreadExecutor();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    fixture.async = task -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      slow.execute(() -> {
        try {
          Thread.sleep(2); // the slow receiver this test is about
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        task.run();
        inFlight.decrementAndGet();
      });
    };
    try {
      fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);
      List<Document> burst = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        burst.add(new Document("_id", "burst-" + i));
      }
      fixture.items.insertMany(burst);
      await().atMost(Duration.ofSeconds(30)).until(() -> fixture.delivered.size() == 1_000);
      assertThat(maxInFlight.get()).as("the most asynchronous deliveries in flight at once, of 1,000 written")
          .isLessThanOrEqualTo(51);
    } finally {
      slow.shutdownNow();
    }
  }

  @Test
  void anEventOver16MbIsSkippedWithAGapNamingItInsteadOfLooping() {
    CursorOpener tooLarge = new CursorOpener() {
      @Override
      public MongoChangeStreamCursor<RawBsonDocument> open(
          com.mongodb.client.ChangeStreamIterable<BsonDocument> iterable, BsonDocument position,
          boolean startAfter) {
        return new FailingOn("huge", CursorOpener.raw(iterable));
      }

      @Override
      public MongoChangeStreamCursor<RawBsonDocument> openWithoutDocuments(
          com.mongodb.client.ChangeStreamIterable<BsonDocument> iterable, BsonDocument position,
          boolean startAfter) {
        return CursorOpener.raw(iterable);
      }
    };
    fixture.start(new InMemoryResumeTokenStore(), tooLarge);
    fixture.items.insertOne(new Document("_id", "before"));
    fixture.items.insertOne(new Document("_id", "huge"));
    fixture.items.insertOne(new Document("_id", "after"));

    await().atMost(WAIT).until(() -> fixture.deliveredIds().contains("after"));
    assertThat(fixture.deliveredIds()).containsExactly("before", "after");
    assertThat(fixture.gaps).singleElement().satisfies(g -> {
      assertThat(g.reason()).isEqualTo(ChangeStreamGap.Reason.EVENT_TOO_LARGE);
      assertThat(g.newPosition()).isPresent();
    });
    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-076")).singleElement()
        .satisfies(r -> assertThat(r.getMessage()).contains("\"_id\": \"huge\""));
  }

  /** Fails as MongoDB does when the next event is over 16 MB (BSONObjectTooLarge), without consuming it. */
  private static final class FailingOn extends ForwardingCursor {
    private final String id;
    private RawBsonDocument held;

    FailingOn(String id, MongoChangeStreamCursor<RawBsonDocument> delegate) {
      super(delegate);
      this.id = id;
    }

    @Override
    public RawBsonDocument tryNext() {
      RawBsonDocument next = held != null ? held : super.tryNext();
      held = null;
      if (next != null && next.isDocument("documentKey")
          && new BsonString(id).equals(next.getDocument("documentKey").get("_id"))) {
        held = next;
        throw new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
            .append("code", new BsonInt32(10334)).append("codeName", new BsonString("BSONObjectTooLarge"))
            .append("errmsg", new BsonString("BSONObj size: 17000000 is invalid")), new ServerAddress());
      }
      return next;
    }
  }
}
