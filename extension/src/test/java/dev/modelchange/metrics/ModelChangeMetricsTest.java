package dev.modelchange.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.modelchange.CollectionName;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.StreamStatus;
import dev.modelchange.Subscription;
import dev.modelchange.store.InMemoryResumeTokenStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The meters of an instance made without CDI: given listeners of {@code shop.orders}, when orders change, then the
 * stream's meters count and time them, tagged with the stream and never with ids or filters; they go with the
 * stream.
 */
class ModelChangeMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @CollectionName("orders")
  public static class Order {
    public String id;
    public String userId;
  }

  private final MongoServer server = new MongoServer(new MemoryBackend());
  private final MongoClient client;
  private final ModelChanges modelChanges;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  ModelChangeMetricsTest() {
    server.enableOplog();
    server.bind("127.0.0.1", 0);
    client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    modelChanges = ModelChanges.builder().mongoClient(client).database("shop")
        .config("modelchange.instance-id", "meters").resumeTokenStore(new InMemoryResumeTokenStore()).build();
  }

  @AfterEach
  void close() {
    modelChanges.close();
    client.close();
    server.shutdownNow();
  }

  private double count(String name, String operation) {
    return registry.get(name).tag("operation", operation).counter().count();
  }

  @Test
  void eventsAndDeliveriesAreCountedAndTimedPerStream() {
    List<String> seen = new CopyOnWriteArrayList<>();
    modelChanges.listenForChanges(Order.class, ListenOptions.<Order>builder()
        .filter(com.mongodb.client.model.Filters.eq("userId", "u-secret")).onChange((id, c) -> seen.add(id)).build());
    modelChanges.listenForChanges(Order.class, (id, c) -> seen.add(id));
    ModelChangeMetrics.of(modelChanges).bindTo(registry);

    MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
    orders.insertOne(new Document("_id", "o1").append("userId", "u-secret"));
    orders.deleteOne(new Document("_id", "o1"));
    await().atMost(WAIT).until(() -> seen.size() >= 2);

    assertThat(count("modelchange.events", "insert")).isEqualTo(1);
    assertThat(count("modelchange.events", "delete")).isEqualTo(1);
    assertThat(count("modelchange.events", "update")).isZero();
    var timer = registry.get("modelchange.delivery").tag("receiver", "listener").timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(registry.find("modelchange.delivery").tag("receiver", "observer").timer()).isNull();

    StreamStatus status = modelChanges.streams().get(0);
    // listeners that are not durable keep no position
    assertThat(registry.get("modelchange.checkpoints").functionCounter().count()).isZero();
    assertThat(registry.get("modelchange.checkpoint.age").gauge().value()).isNaN();
    assertThat(registry.get("modelchange.state").tag("state", "OPEN").gauge().value()).isEqualTo(1);
    assertThat(registry.get("modelchange.state").tag("state", "RETRYING").gauge().value()).isZero();
    assertThat(registry.get("modelchange.reconnects").functionCounter().count()).isZero();
    assertThat(registry.get("modelchange.receiver.failures").functionCounter().count()).isZero();
    assertThat(registry.get("modelchange.async.in.flight").gauge().value()).isZero();
    // the in-JVM server tells no lag (no post-batch token)
    assertThat(registry.get("modelchange.lag").gauge().value()).isNaN();

    // every meter: tagged with the stream, and its operation, receiver or state; never a filter or a document id
    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().getName()).startsWith("modelchange.");
      assertThat(m.getId().getTags()).extracting(Tag::getKey).containsAnyOf("database")
          .isSubsetOf("database", "collection", "shape", "operation", "receiver", "state");
      assertThat(m.getId().getTags()).extracting(Tag::getValue).doesNotContain("u-secret", "o1");
    }
    assertThat(registry.get("modelchange.events").tags("database", "shop", "collection", "orders", "shape",
        "default").counters()).isNotEmpty();
    assertThat(status.key()).isEqualTo("default@meters/shop.orders/default");
  }

  @Test
  void aStreamsMetersGoWithIt() {
    ModelChangeMetrics.of(modelChanges).bindTo(registry);
    Subscription durable = modelChanges.listenForChanges(Order.class, ListenOptions.<Order>builder().id("audit")
        .onChange((id, c) -> { }).build());
    assertThat(registry.find("modelchange.reconnects").tag("shape", "default+listener=audit").functionCounter())
        .isNotNull();

    durable.unsubscribe();

    assertThat(registry.find("modelchange.reconnects").tag("shape", "default+listener=audit").functionCounter())
        .isNull();
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void onlyAnInstanceMadeByTheBuilderCanBeObserved() {
    ModelChanges other = new ModelChanges() {
      @Override
      public <T> Subscription listenForChanges(Class<T> model, ListenOptions<T> options) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<StreamStatus> streams() {
        return List.of();
      }

      @Override
      public void close() {}

      @Override
      public String toString() {
        return "ModelChanges(container)";
      }
    };

    assertThatThrownBy(() -> ModelChangeMetrics.of(other)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("MODELCHANGE-164 ModelChangeMetrics.of(...) takes an instance made by "
            + "ModelChanges.builder(), not ModelChanges(container).");
  }
}
