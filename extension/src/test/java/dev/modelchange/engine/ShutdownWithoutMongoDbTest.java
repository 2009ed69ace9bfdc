package dev.modelchange.engine;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import dev.modelchange.ListenOptions;
import dev.modelchange.StreamState;
import dev.modelchange.store.MongoResumeTokenStore;
import dev.modelchange.testsupport.CapturedLog;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A shutdown while MongoDB (and the token store in it) cannot be reached ends in bounded time, whatever the
 * number of streams: a Kubernetes pod gets 30 s from SIGTERM to SIGKILL. Before, the claim on the instance id was
 * released on the closing thread and waited out the driver's default server selection: 32 s for 5 streams here.
 * Backend: the in-JVM MongoDB, shut down under the engine (a real one behaves alike: the driver waits in server
 * selection).
 */
class ShutdownWithoutMongoDbTest {
  /** Twice the engine's stop time-out (5 s), the claim's release wait (2 s), the writer's (5 s), and a margin. */
  private static final Duration BOUND = Duration.ofSeconds(25);

  @Test
  void aShutdownWithMongoDbGoneEndsWithinTheStopTimeOutsAndEndsEveryThread() {
    try (EngineFixture fixture = new EngineFixture();
        CapturedLog log = new CapturedLog("dev.modelchange.engine");
        MongoClient storeClient = MongoClients.create(  // the driver's defaults: 30 s server selection
            "mongodb://127.0.0.1:" + fixture.server.getLocalAddress().getPort())) {
      fixture.start(new MongoResumeTokenStore(storeClient.getDatabase("test").getCollection("tokens")),
          CursorOpener.DRIVER);
      for (int i = 0; i < 4; i++) { // five streams: the observer's, and four listeners' with their own pipelines
        fixture.engine.listenForChanges(BsonDocument.class, ListenOptions.<BsonDocument>builder()
            .pipeline(List.of(Aggregates.match(Filters.exists("n" + i)))).onChange((id, c) -> { }).build());
      }
      fixture.items.insertOne(new Document("n0", 1));
      await().atMost(WAIT).until(() -> fixture.engine.streams().size() == 5
          && fixture.engine.streams().stream().allMatch(s -> s.state() == StreamState.OPEN));

      fixture.server.shutdownNow();
      long start = System.nanoTime();
      assertTimeoutPreemptively(BOUND, fixture.engine::close, "close() with MongoDB gone");
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      System.out.printf("shutdown with MongoDB gone: 5 streams, close() took %d ms%n", tookMillis);
      assertThat(EngineFixture.watcherThreads()).as("stream threads alive after close (%d ms)", tookMillis)
          .isZero();
      assertThat(Thread.getAllStackTraces().keySet()).as("lease threads alive after close")
          .noneMatch(t -> t.isAlive() && t.getName().startsWith("modelchange-leases"));
      assertThat(log.recordsAt(Level.INFO, "MODELCHANGE-144")).as("the claim left to lapse, said once")
          .hasSize(1);
    }
  }
}
