package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.changestream.FullDocument;
import dev.modelchange.ChangeEvent;
import dev.modelchange.Delivery;
import dev.modelchange.ListenOptions;
import dev.modelchange.StreamState;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.store.InMemoryResumeTokenStore;
import dev.modelchange.store.MongoResumeTokenStore;
import dev.modelchange.testsupport.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several engines of one group on one store (issue 13), in one JVM: each-instance positions of their own, a
 * duplicate instance id told apart, and one-instance delivery behind a lease with a graceful handover. The
 * real-process test with kill -9 is in the TCK module; the stores' leases are tested with each store.
 */
class SeveralInstancesTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final EngineFixture fixture = new EngineFixture();
  private final CapturedLog log = new CapturedLog("dev.modelchange.engine");
  private final List<ChangeStreamEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(ChangeStreamEngine::close);
    log.close();
    fixture.close();
  }

  private ChangeStreamEngine instance(String instanceId, ResumeTokenStore store) {
    Map<String, String> config = new HashMap<>(fixture.config);
    config.put(ConfigKeys.INSTANCE_ID, instanceId);
    config.put(ConfigKeys.LEASE_DURATION, "1s");
    config.put(ConfigKeys.CHECKPOINT_MAX_DELAY, "50ms");
    ChangeStreamEngine engine = new ChangeStreamEngine(EngineSettings.from(k -> Optional.ofNullable(config.get(k))),
        fixture.client, null, store, null, null, List.of());
    engines.add(engine);
    return engine;
  }

  private static void observe(ChangeStreamEngine engine, List<String> seen) {
    engine.start(List.of(ObserverDescriptor.of("t#items", "Test.items(ChangeEvent)", BsonDocument.class, List.of(),
        "", FullDocument.DEFAULT, false, 0)), (o, e) -> {
          seen.add(((ChangeEvent<?>) e).id());
          return null;
        });
  }

  private void write(String prefix, int count) {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      docs.add(new Document("_id", prefix + "-" + i));
    }
    fixture.items.insertMany(docs);
  }

  private static long countOf(List<String> seen, String prefix) {
    return seen.stream().filter(id -> id.startsWith(prefix + "-")).count();
  }

  @Test
  void aRestartedInstanceResumesItsOwnPositionNotTheOthers() {
    SharedStore store = new SharedStore();
    List<String> seenA = new CopyOnWriteArrayList<>();
    List<String> seenB = new CopyOnWriteArrayList<>();
    ChangeStreamEngine a = instance("a", store);
    observe(a, seenA);
    observe(instance("b", store), seenB);
    write("before", 100);
    await().atMost(WAIT).until(() -> seenA.size() == 100 && seenB.size() == 100);
    await().atMost(WAIT).until(() -> store.tokens().keySet().containsAll(
        List.of("default@a/test.items/default", "default@b/test.items/default")));

    a.close();
    write("while-a-was-down", 200);
    await().atMost(WAIT).until(() -> countOf(seenB, "while-a-was-down") == 200);
    List<String> seenAfterRestart = new CopyOnWriteArrayList<>();
    observe(instance("a", store), seenAfterRestart);
    write("marker", 1);

    await().atMost(WAIT).until(() -> seenAfterRestart.contains("marker-0"));
    assertThat(countOf(seenAfterRestart, "while-a-was-down")).as("of 200 written while instance a was down, "
        + "delivered to it after its restart").isEqualTo(200);
  }

  @Test
  void twoLiveEnginesClaimingOneInstanceIdAreToldApartAndTheSecondStoresNothing() {
    SharedStore store = new SharedStore();
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    observe(instance("same", store), first);
    write("one", 10);
    await().atMost(WAIT).until(() -> first.size() == 10 && store.tokens().containsKey("default@same/test.items/default"));
    BsonDocument firstsPosition = store.tokens().get("default@same/test.items/default");

    ChangeStreamEngine duplicate = instance("same", store);
    observe(duplicate, second);
    write("two", 10);
    await().atMost(WAIT).until(() -> countOf(second, "two") == 10 && countOf(first, "two") == 10);
    // a claim that its holder goes on renewing is a live duplicate, not a crashed predecessor
    await().atMost(WAIT).until(() -> !log.recordsAt(Level.SEVERE, "MODELCHANGE-084").isEmpty());
    duplicate.close();

    assertThat(log.recordsAt(Level.SEVERE, "MODELCHANGE-084")).singleElement().satisfies(r -> assertThat(r.getMessage())
        .contains("\"same\"").contains("this one is"));
    await().atMost(WAIT).until(() -> !store.tokens().get("default@same/test.items/default").equals(firstsPosition));
    // from the position the first had stored when the duplicate started: after "one-0" at least, after "one-9" at
    // most (the first's saves come every 50 ms, so which one is a race), and in the first's order from there on
    assertThat(second).as("the duplicate still delivers, from the position the first stored")
        .hasSizeBetween(10, 19).containsExactlyElementsOf(first.subList(first.size() - second.size(), first.size()));
  }

  @Test
  void oneInstanceDeliversEachChangeOnceAndHandsOverOnAGracefulStop() {
    oneInstanceHandsOver(new SharedStore());
  }

  @Test
  void oneInstanceHandsOverWithTheMongoDbStoresLease() {
    oneInstanceHandsOver(new MongoResumeTokenStore(fixture.client.getDatabase("test")
        .getCollection("modelchange_resume_tokens")));
  }

  private void oneInstanceHandsOver(ResumeTokenStore store) {
    List<String> byA = new CopyOnWriteArrayList<>();
    List<String> byB = new CopyOnWriteArrayList<>();
    ChangeStreamEngine a = instance("a", store);
    ChangeStreamEngine b = instance("b", store);
    a.listenForChanges(BsonDocument.class, ListenOptions.<BsonDocument>builder().id("mailer")
        .delivery(Delivery.ONE_INSTANCE).onChange((id, c) -> byA.add(id)).build());
    b.listenForChanges(BsonDocument.class, ListenOptions.<BsonDocument>builder().id("mailer")
        .delivery(Delivery.ONE_INSTANCE).onChange((id, c) -> byB.add(id)).build());
    assertThat(List.of(a.streams().get(0).leaseHeld(), b.streams().get(0).leaseHeld()))
        .as("exactly one holds the lease").containsExactlyInAnyOrder(true, false);
    ChangeStreamEngine holder = a.streams().get(0).leaseHeld() ? a : b;
    ChangeStreamEngine standby = holder == a ? b : a;
    assertThat(standby.streams().get(0).state()).isEqualTo(StreamState.STANDBY);

    write("first", 300);
    await().atMost(WAIT).until(() -> byA.size() + byB.size() == 300);
    holder.close();
    write("second", 300);
    await().atMost(WAIT).until(() -> byA.size() + byB.size() >= 600);

    List<String> all = new ArrayList<>(byA);
    all.addAll(byB);
    assertThat(all).as("across both instances: 600 written, none lost, none twice").hasSize(600)
        .doesNotHaveDuplicates();
    assertThat(standby.streams().get(0).leaseHeld()).isTrue();
  }

  @Test
  void oneInstanceNeedsAStoreThatHoldsLeases() {
    ChangeStreamEngine engine = instance("a", new InMemoryResumeTokenStore());
    Throwable failure = catchThrowable(() -> engine.listenForChanges(BsonDocument.class,
        ListenOptions.<BsonDocument>builder().id("mailer").delivery(Delivery.ONE_INSTANCE).onChange((id, c) -> { })
            .build()));
    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("MODELCHANGE-086")
        .hasMessageContaining("BsonDocument").hasMessageContaining("modelchange.resume-token.store");
  }
}
