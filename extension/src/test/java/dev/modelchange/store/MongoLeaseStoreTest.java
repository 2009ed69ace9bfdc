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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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

  /** A lease document made (or made again) starts at its time in milliseconds, so that removing it is safe. */
  @Override
  public long firstEpoch(Instant madeAt) {
    return madeAt.toEpochMilli();
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
    assertThat(stored.getLong("epoch")).as("a new lease's epoch: its time in milliseconds")
        .isEqualTo(clock.millis()).isEqualTo(lease.epoch());
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
    assertThat(collection.find(Filters.eq("_id", key.value())).first().getLong("epoch")).isEqualTo(b.epoch());
    store.save(key, LeaseStoreContract.position("03")); // unfenced: must not open the fence

    assertThat(collection.find(Filters.eq("_id", key.value())).first().getLong("epoch")).isEqualTo(b.epoch());
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

  /**
   * The claims of instances that are gone (a Deployment's pods, each with its own name) must not pile up: a
   * lease lapsed or released longer than {@code instance.expire-after} ago goes with the instances' positions.
   * Made again, it still fences out every position saved under the old one.
   */
  @Test
  void aLeaseLongLapsedOrReleasedIsRemovedAndMadeAgainItStillFencesOutOldHolders() {
    TestClock clock = new TestClock();
    ResumeTokenStore store = instanceStore(clock);
    LeaseStore leases = store.leases().orElseThrow();
    StreamKey key = LeaseStoreContract.newStreamKey();
    String released = LeaseStoreContract.leaseOf(key);
    String lapsed = "instance/shop@pod-" + key.value().hashCode();
    String held = "instance/shop@pod-held-" + key.value().hashCode();
    Lease first = leases.acquire(released, "engine-A", TEN_SECONDS).orElseThrow();
    Lease second = leases.acquire(released, "engine-A", TEN_SECONDS).orElseThrow(); // renewed: same epoch
    assertThat(leases.saveFenced(key, LeaseStoreContract.position("01"), second)).isTrue();
    leases.release(second);
    leases.acquire(lapsed, "engine-B", TEN_SECONDS).orElseThrow();
    clock.advance(Duration.ofHours(12));
    Lease stillHeld = leases.acquire(held, "engine-C", Duration.ofDays(30)).orElseThrow();

    store.removeInstancesNotSeenSince(clock.instant().minus(Duration.ofHours(23)));
    assertThat(leaseNames()).as("leases after removing those lapsed for 23 hours")
        .contains(released, lapsed, held);

    clock.advance(Duration.ofDays(1));
    store.removeInstancesNotSeenSince(clock.instant().minus(Duration.ofHours(23)));
    assertThat(leaseNames()).as("leases after removing those lapsed or released over 23 hours ago")
        .doesNotContain(released, lapsed).contains(held);
    assertThat(leases.holder(held)).contains(stillHeld);

    Lease again = leases.acquire(released, "engine-D", TEN_SECONDS).orElseThrow();
    assertThat(again.epoch()).as("the epoch of the lease made again, against the old one's %d", first.epoch())
        .isGreaterThan(first.epoch());
    assertThat(leases.saveFenced(key, LeaseStoreContract.position("02"), again)).isTrue();
    assertThat(leases.saveFenced(key, LeaseStoreContract.position("03"), first)).as("the old holder's save")
        .isFalse();
    assertThat(store.load(key)).contains(LeaseStoreContract.position("02"));
  }

  private List<String> leaseNames() {
    List<String> names = new ArrayList<>();
    for (Document d : collection.find(Filters.exists("_id.lease", true))) {
      names.add(d.get("_id", Document.class).getString("lease"));
    }
    return names;
  }
}
