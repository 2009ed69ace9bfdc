package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ListenOptions;
import dev.modelchange.StreamState;
import dev.modelchange.StreamStatus;
import dev.modelchange.Subscription;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.store.InMemoryResumeTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What health checks and meters read of a running engine: the status of each stream (since when in its state,
 * position fixed, worker alive, delivery in hand) and the {@link DeliveryObserver} hook.
 */
class OperatingSignalsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final EngineFixture fixture = new EngineFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private StreamStatus only() {
    List<StreamStatus> streams = fixture.engine.streams();
    assertThat(streams).hasSize(1);
    return streams.get(0);
  }

  @Test
  void anOpenStreamHasFixedItsPositionAndItsWorkerIsAliveWithNoDeliveryInHand() {
    Instant before = Instant.now();
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);

    StreamStatus status = only();

    assertThat(status.state()).isEqualTo(StreamState.OPEN);
    assertThat(status.stateSince()).isBetween(before, Instant.now());
    assertThat(status.positionFixed()).isTrue();
    assertThat(status.workerAlive()).isTrue();
    assertThat(status.deliveringSince()).isEmpty();
    // a new stream stores its start position at once
    await().atMost(WAIT).until(() -> only().checkpointsSaved() >= 1);
  }

  @Test
  void aBlockedReceiverShowsSinceWhenItsEventIsInHand() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fixture.observer = e -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    };
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);
    Instant before = Instant.now();

    fixture.items.insertOne(new Document("_id", "slow"));
    entered.await();

    assertThat(only().deliveringSince()).hasValueSatisfying(
        since -> assertThat(since).isBetween(before.minusMillis(1), Instant.now()));
    release.countDown();
    await().atMost(WAIT).until(() -> only().deliveringSince().isEmpty());
  }

  @Test
  void theDeliveryObserverHearsOfStreamsEventsAndEachKindOfReceiver() {
    List<String> heard = new CopyOnWriteArrayList<>();
    fixture.start(new InMemoryResumeTokenStore(), CursorOpener.DRIVER);
    fixture.engine.observeDeliveries(new DeliveryObserver() {
      @Override
      public void streamAdded(StreamKey stream) {
        heard.add("added " + stream);
      }

      @Override
      public void streamRemoved(StreamKey stream) {
        heard.add("removed " + stream);
      }

      @Override
      public void received(StreamKey stream, OperationType operation) {
        heard.add("received " + operation.name());
      }

      @Override
      public void delivered(StreamKey stream, OperationType operation, Receivers receivers, long nanos) {
        assertThat(nanos).isNotNegative();
        heard.add(receivers + " " + operation.name());
      }
    });
    // the observer's stream is running already: it is told of it at once
    assertThat(heard).containsExactly("added " + EngineFixture.KEY);

    List<String> seen = new CopyOnWriteArrayList<>();
    // same shape as the observer's: one stream, two kinds of receivers
    Subscription listener = fixture.engine.listenForChanges(BsonDocument.class, (id, c) -> seen.add(id));
    fixture.items.insertOne(new Document("_id", "a"));
    await().atMost(WAIT).until(() -> seen.contains("a"));

    assertThat(heard).containsExactly("added " + EngineFixture.KEY, "received INSERT", "OBSERVERS INSERT",
        "LISTENERS INSERT");
    listener.unsubscribe();

    // a listener of its own shape has a stream of its own, removed with its last listener
    heard.clear();
    Subscription durable = fixture.engine.listenForChanges(BsonDocument.class, ListenOptions.<BsonDocument>builder()
        .id("audit").onChange((id, c) -> { }).build());
    durable.unsubscribe();
    StreamKey audit = new StreamKey("default", "test-instance", "test", "items", "default+listener=audit");
    // (it starts at the server's clock, a whole second, so it may read the insert above too)
    assertThat(heard).filteredOn(h -> h.startsWith("added") || h.startsWith("removed"))
        .containsExactly("added " + audit, "removed " + audit);
  }
}
