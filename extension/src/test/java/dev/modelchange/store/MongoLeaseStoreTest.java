package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.modelchange.spi.Lease;
import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The leases of the MongoDB store. Backend: the in-JVM MongoDB (every statement used here behaves there as on a
 * real server: findOneAndUpdate and update with upsert, {@code $or}, {@code $lt}, {@code $lte}, {@code $exists},
 * and a duplicate key error, code 11000, when an upsert's filter misses an existing {@code _id}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoLeaseStoreTest implements LeaseStoreContract {
  private MongoServer server;
  private MongoClient client;
  private MongoCollection<Document> collection;

  @BeforeAll
  void start() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    collection = client.getDatabase("app").getCollection("modelchange_resume_tokens");
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Override
  public ResumeTokenStore instanceStore(Clock clock) {
    return new MongoResumeTokenStore(collection, Duration.ofDays(7), clock);
  }

  @Test
  void aLeaseIsADocumentWithHolderEpochAndExpiryWhoseIdIsNoStreamKey() {
    TestClock clock = new TestClock();
    StreamKey key = LeaseStoreContract.newStreamKey();
    String name = key.value(); // a lease named exactly as a stream: the two documents must stay apart
    ResumeTokenStore store = instanceStore(clock);

    Lease lease = store.leases().orElseThrow().acquire(name, "engine-A", TEN_SECONDS).orElseThrow();
    store.save(key, LeaseStoreContract.position("01"));

    Document stored = collection.find(Filters.eq("_id", new Document("lease", name))).first();
    assertThat(stored).isNotNull();
    assertThat(stored.getString("holder")).isEqualTo("engine-A");
    assertThat(stored.getLong("epoch")).isEqualTo(1L);
    assertThat(stored.getDate("expiresAt")).isEqualTo(Date.from(lease.expiresAt()));
    assertThat(store.load(key)).contains(LeaseStoreContract.position("01"));
    assertThat(store.leases().orElseThrow().holder(name)).contains(lease);
  }

  @Test
  void aFencedSaveWritesTheEpochBesideThePositionAndAPlainSaveKeepsIt() {
    TestClock clock = new TestClock();
    StreamKey key = LeaseStoreContract.newStreamKey();
    ResumeTokenStore store = instanceStore(clock);
    LeaseStore leases = store.leases().orElseThrow();
    Lease a = leases.acquire(LeaseStoreContract.leaseOf(key), "engine-A", TEN_SECONDS).orElseThrow();
    clock.advance(Duration.ofSeconds(11));
    Lease b = leases.acquire(LeaseStoreContract.leaseOf(key), "engine-B", TEN_SECONDS).orElseThrow();

    assertThat(leases.saveFenced(key, LeaseStoreContract.position("02"), b)).isTrue();
    assertThat(collection.find(Filters.eq("_id", key.value())).first().getLong("epoch")).isEqualTo(2L);
    store.save(key, LeaseStoreContract.position("03")); // unfenced: must not open the fence

    assertThat(collection.find(Filters.eq("_id", key.value())).first().getLong("epoch")).isEqualTo(2L);
    assertThat(leases.saveFenced(key, LeaseStoreContract.position("01"), a)).isFalse();
    assertThat(store.load(key)).contains(LeaseStoreContract.position("03"));
  }

  @Test
  void aPositionSavedBeforeLeasesExistedIsTakenOverByTheFirstFencedSave() {
    TestClock clock = new TestClock();
    StreamKey key = LeaseStoreContract.newStreamKey();
    ResumeTokenStore store = instanceStore(clock);
    store.save(key, LeaseStoreContract.position("01")); // no epoch field yet
    LeaseStore leases = store.leases().orElseThrow();
    Lease lease = leases.acquire(LeaseStoreContract.leaseOf(key), "engine-A", TEN_SECONDS).orElseThrow();

    assertThat(leases.saveFenced(key, LeaseStoreContract.position("02"), lease)).isTrue();
    assertThat(store.load(key)).contains(LeaseStoreContract.position("02"));
  }
}
