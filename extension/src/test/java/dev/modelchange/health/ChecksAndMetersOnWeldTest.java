package dev.modelchange.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.modelchange.ChangeEvent;
import dev.modelchange.CollectionName;
import dev.modelchange.ModelChange;
import dev.modelchange.cdi.ModelChangeExtension;
import dev.modelchange.metrics.ModelChangeMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With MicroProfile Health and Micrometer on the class path, the portable extension registers the three checks
 * and the meters' binder: given an observer of {@code shop.items} on Weld SE, the checks are UP with the stream in
 * their data, and the bound meters count its events. (Without them, the TCK's Weld runner runs the same extension.)
 */
@EnableWeld
class ChecksAndMetersOnWeldTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String STREAM = "default@checks/shop.items/default";
  private static final Map<String, String> CONFIG = Map.of("modelchange.mongodb.database", "shop",
      "modelchange.resume-token.store", "memory", "modelchange.instance-id", "checks");
  private static MongoServer server;

  @CollectionName("items")
  public static class Item {
    public String id;
  }

  @ApplicationScoped
  public static class ItemObserver {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    void on(@Observes @ModelChange(Item.class) ChangeEvent<Item> event) {
      seen.add(event.id());
    }

    List<String> seen() {
      return seen;
    }
  }

  @BeforeAll
  static void mongo() {
    server = new MongoServer(new MemoryBackend());
    server.enableOplog();
    server.bind("127.0.0.1", 0);
    System.setProperty("modelchange.mongodb.uri", "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    CONFIG.forEach(System::setProperty);
  }

  @AfterAll
  static void stop() {
    System.clearProperty("modelchange.mongodb.uri");
    CONFIG.keySet().forEach(System::clearProperty);
    server.shutdownNow();
  }

  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(new Weld().disableDiscovery().addExtension(new ModelChangeExtension())
      .addBeanClasses(ItemObserver.class)).build();

  private HealthCheckResponse call(java.lang.annotation.Annotation kind) {
    return weld.select(HealthCheck.class, kind).get().call();
  }

  @Test
  void theChecksAreRegisteredAndUpWithTheStreamInTheirData() {
    // a new stream stores its start position at once, on the checkpoint writer's thread
    await().atMost(WAIT).until(() -> call(Readiness.Literal.INSTANCE).getData().orElseThrow()
        .containsKey(STREAM + ".last-checkpoint"));
    HealthCheckResponse ready = call(Readiness.Literal.INSTANCE);
    HealthCheckResponse live = call(Liveness.Literal.INSTANCE);
    HealthCheckResponse started = call(Startup.Literal.INSTANCE);

    assertThat(List.of(ready, live, started)).allSatisfy(r -> {
      assertThat(r.getName()).isEqualTo("modelchange");
      assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    });
    assertThat(ready.getData().orElseThrow()).containsEntry(STREAM, "OPEN")
        .containsKeys(STREAM + ".events-delivered", STREAM + ".reconnects", STREAM + ".last-checkpoint");
    assertThat(live.getData().orElseThrow()).containsEntry(STREAM, "alive");
    assertThat(started.getData().orElseThrow()).containsEntry(STREAM, "position fixed");
  }

  @Test
  void theBoundMetersCountTheObserversEvents() {
    MeterBinder binder = weld.select(MeterBinder.class).get();
    assertThat(binder).isInstanceOf(ModelChangeMetrics.class);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    binder.bindTo(registry);

    try (MongoClient client = MongoClients.create(System.getProperty("modelchange.mongodb.uri"))) {
      client.getDatabase("shop").getCollection("items").insertOne(new Document("_id", "i1"));
    }
    ItemObserver observer = weld.select(ItemObserver.class).get();
    await().atMost(WAIT).until(() -> observer.seen().contains("i1"));

    assertThat(registry.get("modelchange.events").tag("operation", "insert").counter().count()).isEqualTo(1);
    assertThat(registry.get("modelchange.delivery").tag("receiver", "observer").timer().count()).isEqualTo(1);
    assertThat(registry.get("modelchange.state").tag("state", "OPEN").tag("collection", "items").gauge().value())
        .isEqualTo(1);
    // the observers' stream keeps its position in the (memory) store: stored at its start, at least
    assertThat(registry.get("modelchange.checkpoints").functionCounter().count()).isPositive();
    assertThat(registry.get("modelchange.checkpoint.age").gauge().value()).isNotNegative();
  }
}
