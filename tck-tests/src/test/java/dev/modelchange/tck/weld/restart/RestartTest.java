package dev.modelchange.tck.weld.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import dev.modelchange.tck.TckDatabase;
import dev.modelchange.tck.weld.BackendExtension;
import dev.modelchange.tck.weld.TckClientProducer;
import dev.modelchange.cdi.ModelChangeExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restarts lose nothing: the container is restarted 5 times while changes are written; with each resume-token
 * store (MongoDB, the default; JDBC on PostgreSQL, MariaDB and H2) every change written is delivered, and
 * redelivery is limited to what was not yet checkpointed. Runs on any MongoDB backend; PostgreSQL and MariaDB
 * must be running (127.0.0.1, as the README says).
 */
@ExtendWith(BackendExtension.class)
class RestartTest {
  private static final int WRITES = 3000;
  private static final int RESTARTS = 5;

  private static WeldContainer start() {
    return new Weld().disableDiscovery().addExtension(new ModelChangeExtension())
        .addBeanClasses(CountingObserver.class, TckClientProducer.class).initialize();
  }

  static Stream<Arguments> stores() {
    String table = "mc_restart_" + Long.toHexString(System.nanoTime());
    return Stream.of(
        Arguments.of("mongodb", Map.of()),
        Arguments.of("jdbc-postgresql", jdbc("jdbc:postgresql://127.0.0.1:5432/test", "postgres", table)),
        Arguments.of("jdbc-mariadb", jdbc("jdbc:mariadb://127.0.0.1:3306/test", "root", table)),
        Arguments.of("jdbc-h2", jdbc("jdbc:h2:mem:restart;DB_CLOSE_DELAY=-1", "sa", table)));
  }

  private static Map<String, String> jdbc(String url, String user, String table) {
    return Map.of("modelchange.resume-token.store", "jdbc", "modelchange.resume-token.jdbc.url", url,
        "modelchange.resume-token.jdbc.user", user, "modelchange.resume-token.jdbc.table", table);
  }

  @AfterEach
  void resetConfig() throws Exception {
    String url = System.getProperty("modelchange.resume-token.jdbc.url");
    String table = System.getProperty("modelchange.resume-token.jdbc.table");
    if (url != null) {
      try (Connection c = DriverManager.getConnection(url, System.getProperty("modelchange.resume-token.jdbc.user"),
          "")) {
        c.createStatement().execute("DROP TABLE IF EXISTS " + table);
      }
    }
    for (String key : List.copyOf(System.getProperties().stringPropertyNames())) {
      if (key.startsWith("modelchange.")) {
        System.clearProperty(key);
      }
    }
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void restartingTheContainerWhileChangesAreWrittenLosesNothing(String store, Map<String, String> config)
      throws Exception {
    config.forEach(System::setProperty);
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    CountingObserver.SEEN.clear();
    // The variants share one server. A stream's first start (no stored token) begins at the server's clock; the
    // in-JVM server gives it in whole seconds, so the previous variant's changes of that second may be delivered
    // again: at-least-once, but not this variant's changes to count.
    CountingObserver.run = store;
    AtomicInteger written = new AtomicInteger();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (MongoClient client = TckDatabase.client()) {
      MongoCollection<Document> counters = TckDatabase.of(client).getCollection("counters");
      WeldContainer container = start();
      Future<?> writing = writer.submit(() -> {
        for (int i = 0; i < WRITES; i++) {
          counters.insertOne(new Document("n", i).append("run", store));
          written.incrementAndGet();
        }
      });
      List<Long> restartToFirstEventMillis = new java.util.ArrayList<>();
      for (int r = 0; r < RESTARTS; r++) {
        int target = (r + 1) * WRITES / (RESTARTS + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= target);
        container.close();
        int seenBefore = CountingObserver.SEEN.size();
        long restarting = System.nanoTime();
        container = start();
        if (written.get() < WRITES) {
          await().atMost(Duration.ofSeconds(30)).until(() -> CountingObserver.SEEN.size() > seenBefore);
          restartToFirstEventMillis.add((System.nanoTime() - restarting) / 1_000_000);
        }
      }
      // measured only while the writer is still writing: Weld boot plus opening the stream plus the first event
      System.out.printf("RestartTest %s: restart to first event (ms): %s%n", store, restartToFirstEventMillis);
      writing.get();
      WeldContainer last = container;
      try {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> new HashSet<>(CountingObserver.SEEN).size() == WRITES);
      } finally {
        last.close();
      }
    } finally {
      writer.shutdownNow();
    }
    List<Integer> seen = List.copyOf(CountingObserver.SEEN);
    Set<Integer> distinct = new HashSet<>(seen);
    int duplicates = seen.size() - distinct.size();
    assertThat(distinct).as("every change written is delivered").hasSize(WRITES);
    // each shutdown stores the last checkpoint, so a restart redelivers at most the unacknowledged tail
    assertThat(duplicates).as("redelivered after %d restarts", RESTARTS).isLessThanOrEqualTo(RESTARTS * 100);
    System.out.printf("RestartTest %s: %d written, %d delivered, %d duplicates over %d restarts%n",
        store, WRITES, seen.size(), duplicates, RESTARTS);
  }
}
