package dev.modelchange.tck.weld.instances;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.store.JdbcResumeTokenStore;
import dev.modelchange.store.MongoResumeTokenStore;
import dev.modelchange.tck.TckDatabase;
import dev.modelchange.tck.backend.TckBackend;
import dev.modelchange.tck.backend.TckBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The world of one test: a MongoDB (the in-JVM one as a process of its own, or the real backend chosen with
 * {@code -Dmodelchange.tck.backend}), a resume-token store, and the instances of one group as processes, with
 * their files under {@code target/instances/<label>/}.
 *
 * <p>Settings every instance gets (the figures the assertions use):
 * <ul>
 *   <li>{@code modelchange.lease.duration=2s}: a stand-by takes over within about 2 s of the holder's death
 *       (renewed every third of it, polled every third by the stand-bys), so a kill costs seconds, not the default
 *       10 s; still long against what a renewal takes here, and against clock skew (none: one machine).
 *   <li>{@code modelchange.checkpoint.max-events=100}, {@code .max-delay=1s} (the defaults, stated): what a kill
 *       may redeliver is bounded by them.
 *   <li>{@code modelchange.startup-timeout=1s}: an instance writes {@code START} only once its streams are open
 *       or standing by, so boot need not wait for them.
 * </ul>
 */
final class InstanceGroup implements AutoCloseable {
  static final Duration LEASE_DURATION = Duration.ofSeconds(2);
  static final int CHECKPOINT_MAX_EVENTS = 100;
  static final Duration CHECKPOINT_MAX_DELAY = Duration.ofSeconds(1);
  static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String POSTGRESQL_USER = "postgres";

  final String label;
  final String store;
  final String group;
  final Path dir;
  final String mongoUri;
  private final MongoProcess mongo;
  private final TckBackend backend;
  private final MongoClient client;
  private final String table;
  private final List<AppProcess> apps = new ArrayList<>();
  private ResumeTokenStore positions;

  /** The stores the tests run with. */
  static Stream<String> stores() {
    return Stream.of("mongodb", "jdbc-postgresql");
  }

  private InstanceGroup(String label, String store) {
    this.label = label;
    this.store = store;
    this.group = "g" + Long.toHexString(System.nanoTime());
    this.table = "mc_instances_" + Long.toHexString(System.nanoTime());
    this.dir = Path.of("target", "instances", label).toAbsolutePath();
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> old = Files.walk(dir)) {
          old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (TckBackends.kind() == TckBackends.Kind.EMBEDDED) {
      mongo = new MongoProcess(dir.resolve("mongodb.log"));
      backend = null;
      mongoUri = mongo.uri();
    } else {
      mongo = null;
      backend = TckBackends.start();
      mongoUri = backend.connectionString();
    }
    client = MongoClients.create(new ConnectionString(mongoUri));
  }

  /**
   * Starts the world of a test. A JDBC store needs its database: without it the test is skipped, naming it,
   * except on CI ({@code CI=true}), where it fails.
   */
  static InstanceGroup start(String label, String store) {
    if (store.startsWith("jdbc-")) {
      requirePostgresql();
    }
    return new InstanceGroup(label, store);
  }

  private static void requirePostgresql() {
    DriverManager.setLoginTimeout(5);
    try (Connection c = DriverManager.getConnection(POSTGRESQL_URL, POSTGRESQL_USER, "")) {
      c.isValid(5);
    } catch (SQLException e) {
      String why = "PostgreSQL (127.0.0.1:5432, user postgres, db test) is not reachable: " + e;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
  }

  /** What every instance of the group is configured with (not the instance id). */
  Map<String, String> config() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("modelchange.mongodb.uri", mongoUri);
    c.put("modelchange.mongodb.database", TckDatabase.NAME);
    c.put("modelchange.group", group);
    c.put("modelchange.lease.duration", LEASE_DURATION.toMillis() + "ms");
    c.put("modelchange.checkpoint.max-events", Integer.toString(CHECKPOINT_MAX_EVENTS));
    c.put("modelchange.checkpoint.max-delay", CHECKPOINT_MAX_DELAY.toMillis() + "ms");
    // the instances wait for their streams themselves before they say START; a ONE_INSTANCE stream standing by
    // would otherwise hold each start for the whole time-out (MODELCHANGE-003), 5 s per start with the TCK's value
    c.put("modelchange.startup-timeout", "1s");
    if (store.equals("mongodb")) {
      c.put("modelchange.resume-token.store", "mongodb");
    } else {
      c.put("modelchange.resume-token.store", "jdbc");
      c.put("modelchange.resume-token.jdbc.url", POSTGRESQL_URL);
      c.put("modelchange.resume-token.jdbc.user", POSTGRESQL_USER);
      c.put("modelchange.resume-token.jdbc.table", table);
    }
    return c;
  }

  /**
   * An instance as a process, not started yet; its files are {@code <file>.receipts} and {@code <file>.log}.
   *
   * @param oneInstance whether it has the {@code ONE_INSTANCE} observer beside the {@code EACH_INSTANCE} observer
   */
  AppProcess app(String instanceId, String file, boolean oneInstance) {
    return app(instanceId, file, oneInstance, Map.of());
  }

  /** An instance as a process, not started yet, with {@code overrides} over the group's settings. */
  AppProcess app(String instanceId, String file, boolean oneInstance, Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>(config());
    p.putAll(overrides);
    p.put("modelchange.instance-id", instanceId);
    p.put(InstanceApp.RECEIPTS, dir.resolve(file + ".receipts").toString());
    p.put(InstanceApp.ONE_INSTANCE, Boolean.toString(oneInstance));
    AppProcess app = new AppProcess(instanceId, dir.resolve(file + ".receipts"), dir.resolve(file + ".log"), p);
    apps.add(app);
    return app;
  }

  /** The jobs collection, for writing. */
  MongoCollection<Document> jobs() {
    return TckDatabase.of(client).getCollection("jobs");
  }

  /** Writes jobs {@code <prefix>-<from>} (inclusive) to {@code <prefix>-<to>} (exclusive), at once. */
  void write(String prefix, int from, int to) {
    List<Document> docs = new ArrayList<>();
    for (int n = from; n < to; n++) {
      docs.add(new Document("_id", JobWriter.id(prefix, n)).append("n", n));
    }
    jobs().insertMany(docs);
  }

  /** The key of an instance's {@code EACH_INSTANCE} observer stream (the default shape). */
  StreamKey eachInstanceKey(String instanceId) {
    return new StreamKey(group, instanceId, TckDatabase.NAME, "jobs", "default");
  }

  /** The store as the test reads it (opened on first use, after the instances made its table). */
  synchronized ResumeTokenStore positions() {
    if (positions == null) {
      positions = store.equals("mongodb")
          ? new MongoResumeTokenStore(TckDatabase.of(client).getCollection("modelchange_resume_tokens"))
          : JdbcResumeTokenStore.forUrl(POSTGRESQL_URL, POSTGRESQL_USER, "", table);
    }
    return positions;
  }

  @Override
  public void close() {
    apps.forEach(AppProcess::destroy);
    if (positions != null) {
      positions.close();
    }
    client.close();
    if (mongo != null) {
      mongo.close();
    }
    if (backend != null) {
      backend.close();
    }
    if (store.startsWith("jdbc-")) {
      try (Connection c = DriverManager.getConnection(POSTGRESQL_URL, POSTGRESQL_USER, "")) {
        c.createStatement().execute("DROP TABLE IF EXISTS " + table);
      } catch (SQLException e) {
        System.out.println("INSTANCES: could not drop " + table + ": " + e);
      }
    }
  }
}
