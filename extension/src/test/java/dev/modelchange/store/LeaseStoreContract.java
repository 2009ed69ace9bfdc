package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelchange.spi.Lease;
import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LeaseStore} promises, run by the test class of each store that has leases. Each "instance" is
 * a store object of its own (its own connection) over the same collection or table, reading the time from a
 * {@link TestClock} where expiry matters, so that no result depends on how loaded the machine is.
 */
interface LeaseStoreContract {
  Duration TEN_SECONDS = Duration.ofSeconds(10);

  /** A new store over the shared collection or table, as one more instance sees it, timed by {@code clock}. */
  ResumeTokenStore instanceStore(Clock clock);

  default LeaseStore leases(Clock clock) {
    return instanceStore(clock).leases().orElseThrow(() -> new AssertionError("the store has no leases"));
  }

  /** A lease name as the engine makes them: {@code one-instance/<stream key>}. */
  /** The epoch of a lease made at {@code madeAt}: 1 unless the store starts elsewhere. */
  default long firstEpoch(Instant madeAt) {
    return 1;
  }

  static String leaseOf(StreamKey key) {
    return "one-instance/" + key.value();
  }

  static StreamKey newStreamKey() {
    return new StreamKey("default", "db", "c" + UUID.randomUUID(), "default");
  }

  static BsonDocument position(String data) {
    return new BsonDocument("_data", new BsonString("8266F1A2B3" + data));
  }

  @Test
  default void aFreeLeaseIsTakenWithTheStoresFirstEpochAndEveryInstanceSeesItsHolder() {
    TestClock clock = new TestClock();
    String name = leaseOf(newStreamKey());

    Lease taken = leases(clock).acquire(name, "engine-A", TEN_SECONDS).orElseThrow();

    assertThat(taken).isEqualTo(new Lease(name, "engine-A", firstEpoch(clock.instant()),
        clock.instant().plus(TEN_SECONDS)));
    assertThat(leases(clock).holder(name)).contains(taken);
  }

  @Test
  default void anUnexpiredLeaseIsNotTakenByAnotherHolder() {
    TestClock clock = new TestClock();
    String name = leaseOf(newStreamKey());
    Lease a = leases(clock).acquire(name, "engine-A", TEN_SECONDS).orElseThrow();
    clock.advance(Duration.ofSeconds(9));

    assertThat(leases(clock).acquire(name, "engine-B", TEN_SECONDS)).isEmpty();
    assertThat(leases(clock).holder(name)).contains(a);
  }

  @Test
  default void ofManyHoldersRacingForOneLeaseExactlyOneWinsBothFreshAndExpired() throws Exception {
    int racers = 8;
    TestClock clock = new TestClock();
    List<LeaseStore> instances = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      instances.add(leases(clock));
    }
    for (int round = 0; round < 3; round++) {
      String name = leaseOf(newStreamKey());

      List<Lease> fresh = race(instances, name);
      assertThat(fresh).as("winners of a fresh lease, round %d", round).hasSize(1);
      assertThat(fresh.get(0).epoch()).isPositive();

      clock.advance(TEN_SECONDS.plusMillis(1));
      List<Lease> expired = race(instances, name);
      assertThat(expired).as("winners of an expired lease, round %d", round).hasSize(1);
      assertThat(expired.get(0).epoch()).isEqualTo(fresh.get(0).epoch() + 1);
      assertThat(leases(clock).holder(name)).contains(expired.get(0));
    }
  }

  /** Every instance asks for {@code name} at once, each as a holder of its own; returns the leases won. */
  private static List<Lease> race(List<LeaseStore> instances, String name) throws Exception {
    CyclicBarrier start = new CyclicBarrier(instances.size());
    ExecutorService pool = Executors.newFixedThreadPool(instances.size());
    try {
      List<Future<Optional<Lease>>> results = new ArrayList<>();
      for (int i = 0; i < instances.size(); i++) {
        LeaseStore store = instances.get(i);
        String holder = "engine-" + i + "-" + UUID.randomUUID();
        results.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return store.acquire(name, holder, TEN_SECONDS);
        }));
      }
      List<Lease> won = new ArrayList<>();
      for (Future<Optional<Lease>> r : results) {
        r.get(120, TimeUnit.SECONDS).ifPresent(won::add);
      }
      return won;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void aRenewedLeaseOutlastsItsFirstExpiryAndKeepsItsEpoch() {
    TestClock clock = new TestClock();
    Instant start = clock.instant();
    String name = leaseOf(newStreamKey());
    LeaseStore a = leases(clock);
    Lease lease = a.acquire(name, "engine-A", TEN_SECONDS).orElseThrow();
    clock.advance(Duration.ofSeconds(8));

    assertThat(a.renew(lease, TEN_SECONDS)).isTrue();
    clock.advance(Duration.ofSeconds(8)); // 16 s after the start: past the first expiry, within the renewed one

    assertThat(leases(clock).acquire(name, "engine-B", TEN_SECONDS)).isEmpty();
    assertThat(a.holder(name)).contains(new Lease(name, "engine-A", firstEpoch(start), start.plusSeconds(18)));
  }

  @Test
  default void acquiringALeaseOneHoldsRenewsItWithoutANewEpoch() {
    TestClock clock = new TestClock();
    String name = leaseOf(newStreamKey());
    LeaseStore a = leases(clock);
    Lease first = a.acquire(name, "engine-A", TEN_SECONDS).orElseThrow();
    clock.advance(Duration.ofSeconds(5));

    Lease again = a.acquire(name, "engine-A", TEN_SECONDS).orElseThrow();

    assertThat(again).isEqualTo(new Lease(name, "engine-A", first.epoch(), clock.instant().plus(TEN_SECONDS)));
  }

  @Test
  default void anExpiredLeaseGoesToAnotherHolderWithTheNextEpochAndTheOldHolderCannotRenewIt() {
    TestClock clock = new TestClock();
    String name = leaseOf(newStreamKey());
    LeaseStore a = leases(clock);
    LeaseStore b = leases(clock);
    Lease first = a.acquire(name, "engine-A", TEN_SECONDS).orElseThrow();
    clock.advance(TEN_SECONDS.plusMillis(1));

    Lease second = b.acquire(name, "engine-B", TEN_SECONDS).orElseThrow();

    assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
    assertThat(a.renew(first, TEN_SECONDS)).isFalse();
    assertThat(a.holder(name)).contains(second);
  }

  @Test
  default void aLeaseOfTwoHundredMillisecondsLapsesOnTheRealClock() {
    String name = leaseOf(newStreamKey());
    LeaseStore a = leases(Clock.systemUTC());
    LeaseStore b = leases(Clock.systemUTC());
    Lease first = a.acquire(name, "engine-A", Duration.ofMillis(200)).orElseThrow();

    Lease second = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> b.acquire(name, "engine-B", TEN_SECONDS), Optional::isPresent).orElseThrow();

    assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
    assertThat(Duration.between(Instant.now(), second.expiresAt())).isPositive();
  }

  @Test
  default void aReleasedLeaseIsTakenAtOnceAndAStaleReleaseLeavesTheNewHolderAlone() {
    TestClock clock = new TestClock();
    String name = leaseOf(newStreamKey());
    LeaseStore a = leases(clock);
    LeaseStore b = leases(clock);
    Lease first = a.acquire(name, "engine-A", Duration.ofHours(1)).orElseThrow();

    a.release(first);
    assertThat(b.holder(name)).isEmpty();
    Lease second = b.acquire(name, "engine-B", TEN_SECONDS).orElseThrow();
    a.release(first); // again, late: it must not touch engine-B's lease

    assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
    assertThat(a.holder(name)).contains(second);
    assertThat(a.renew(first, TEN_SECONDS)).isFalse();
    assertThat(b.renew(second, TEN_SECONDS)).isTrue();
  }

  @Test
  default void noOneHoldsALeaseNeverTakenOrExpired() {
    TestClock clock = new TestClock();
    String name = leaseOf(newStreamKey());
    LeaseStore store = leases(clock);
    assertThat(store.holder(name)).isEmpty();

    store.acquire(name, "engine-A", TEN_SECONDS).orElseThrow();
    clock.advance(TEN_SECONDS);

    assertThat(store.holder(name)).isEmpty();
  }

  @Test
  default void aPausedOldHolderCannotOverwriteWhatANewerHolderSaved() {
    TestClock clock = new TestClock();
    StreamKey key = newStreamKey();
    String name = leaseOf(key);
    ResumeTokenStore oldInstance = instanceStore(clock);
    ResumeTokenStore newInstance = instanceStore(clock);
    LeaseStore a = oldInstance.leases().orElseThrow();
    LeaseStore b = newInstance.leases().orElseThrow();
    Lease old = a.acquire(name, "engine-A", TEN_SECONDS).orElseThrow();
    assertThat(a.saveFenced(key, position("01"), old)).isTrue();
    clock.advance(TEN_SECONDS.plusSeconds(1)); // engine-A pauses (a long GC, a cut network) past its lease

    Lease newer = b.acquire(name, "engine-B", TEN_SECONDS).orElseThrow();
    assertThat(newInstance.load(key)).contains(position("01"));
    assertThat(b.saveFenced(key, position("02"), newer)).isTrue();
    boolean oldSaved = a.saveFenced(key, position("01FF"), old); // engine-A wakes up and checkpoints

    assertThat(oldSaved).isFalse();
    assertThat(oldInstance.load(key)).contains(position("02"));
    assertThat(b.saveFenced(key, position("03"), newer)).isTrue();
    assertThat(newInstance.load(key)).contains(position("03"));
  }

  @Test
  default void aFencedSaveOfAStreamNeverSavedStoresIt() {
    TestClock clock = new TestClock();
    StreamKey key = newStreamKey();
    ResumeTokenStore store = instanceStore(clock);
    LeaseStore leases = store.leases().orElseThrow();
    Lease lease = leases.acquire(leaseOf(key), "engine-A", TEN_SECONDS).orElseThrow();

    assertThat(leases.saveFenced(key, position("0A"), lease)).isTrue();
    assertThat(store.load(key)).contains(position("0A"));
  }
}
