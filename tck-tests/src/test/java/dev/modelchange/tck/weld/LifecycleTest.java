package dev.modelchange.tck.weld;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import dev.modelchange.cdi.ModelChangeExtension;
import dev.modelchange.InvalidSettingException;
import dev.modelchange.store.InMemoryResumeTokenStore;
import dev.modelchange.tck.TckDatabase;
import dev.modelchange.tck.backend.TckBackends;
import dev.modelchange.tck.delivery.Book;
import dev.modelchange.tck.delivery.DeliveryObservers;
import dev.modelchange.tck.listeners.Message;
import dev.modelchange.testsupport.ThreadProbe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Start-up, configuration and shutdown, on Weld SE (each test starts its own container). */
@ExtendWith(BackendExtension.class)
class LifecycleTest {
  @AfterEach
  void resetConfig() {
    for (String key : List.copyOf(System.getProperties().stringPropertyNames())) {
      if (key.startsWith("modelchange.")) {
        System.clearProperty(key);
      }
    }
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
  }

  private static void config(Map<String, String> values) {
    values.forEach(System::setProperty);
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
  }

  private static long modelchangeThreads() {
    return ThreadProbe.countStartingWith("modelchange-");
  }

  /** Watcher threads of the TCK's databases: {@code modelchange-<db>.<collection>}. */
  private static long watcherThreads() {
    return ThreadProbe.countStartingWith("modelchange-" + TckDatabase.NAME);
  }

  @Test
  void shutdownClosesEveryCursorAndThread() {
    long before = modelchangeThreads();
    try (WeldContainer container = TckWeld.weld(DeliveryObservers.class).initialize()) {
      // one watcher per watched collection: books, authors, posts, tags, ledger_entries
      assertThat(watcherThreads()).isEqualTo(5);
      container.select(ModelChanges.class).get().listenForChanges(Message.class, (id, c) -> { });
      assertThat(watcherThreads()).isEqualTo(6);
    }
    // the watchers and the checkpoint writer
    assertThat(modelchangeThreads()).isEqualTo(before);
  }

  @Test
  void disabledStartsNothing() {
    config(Map.of("modelchange.enabled", "false"));
    long before = modelchangeThreads();
    try (WeldContainer container = TckWeld.weld(DeliveryObservers.class).initialize()) {
      assertThat(modelchangeThreads()).isEqualTo(before);
      assertThatThrownBy(() -> container.select(ModelChanges.class).get()
          .listenForChanges(Book.class, (id, c) -> { }))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("modelchange.enabled=false");
    }
  }

  @Test
  void anInvalidValueFailsStartNamingTheKey() {
    config(Map.of("modelchange.retry.max-delay", "soon"));
    assertThatThrownBy(() -> TckWeld.weld(DeliveryObservers.class).initialize().close())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("MODELCHANGE-020")
        .hasMessageContaining("modelchange.retry.max-delay").hasMessageContaining("\"soon\"");
  }

  @Test
  void withoutAMongoClientBeanTheConfiguredUriIsUsed() {
    config(Map.of("modelchange.mongodb.uri", TckBackends.current().connectionString(TckDatabase.NAME),
        "modelchange.resume-token.store", "memory"));
    Weld weld = new Weld().disableDiscovery().addExtension(new ModelChangeExtension())
        .addBeanClasses(DeliveryObservers.class);
    try (WeldContainer container = weld.initialize(); MongoClient client = TckDatabase.client()) {
      DeliveryObservers observers = container.select(DeliveryObservers.class).get();
      TckDatabase.of(client).getCollection("books").insertOne(new Document("title", "Via URI"));
      await().atMost(WAIT).until(() -> observers.books().size() == 1);
    }
  }

  @Test
  void theStandaloneBuilderNeedsNoContainer() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (ModelChanges changes = ModelChanges.builder()
        .uri(TckBackends.current().connectionString())
        .database(TckDatabase.NAME)
        .resumeTokenStore(new InMemoryResumeTokenStore())
        .build();
        MongoClient client = TckDatabase.client()) {
      Subscription s = changes.listenForInserts(Message.class, (String id, Message m) -> seen.add(id));
      TckDatabase.of(client).getCollection("messages").insertOne(new Document("_id", "standalone"));
      await().atMost(WAIT).until(() -> seen.size() == 1);
      s.unsubscribe();
      TckDatabase.of(client).getCollection("messages").deleteOne(Filters.eq("_id", "standalone"));
    }
    assertThat(seen).containsExactly("standalone");
    await().atMost(WAIT).until(() -> modelchangeThreads() == 0);
  }
}
