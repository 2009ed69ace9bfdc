package dev.modelchange.tck.weld.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.spi.StreamKey;
import dev.modelchange.tck.weld.instances.ReceiptLog.Line;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An instance killed with {@code kill -9} and started again before the claim on its instance id lapses, as a
 * supervisor restarts a crashed process at once (the claim lasts {@code modelchange.lease.duration}, 10 s by
 * default; a JVM boots in a few seconds). The new process is the same instance, not a second live one: it must
 * resume its own {@code EACH_INSTANCE} position, getting what was written while it was down, and go on storing
 * it.
 *
 * <p>Here the JVMs take up to a minute to boot, so the instance runs with a lease of 120 s to make "before the
 * claim lapses" happen. The claim is the engine's, the same with either store: MongoDB's is used.
 */
class RestartWithinTheClaimTest {
  private static final Duration START = Duration.ofSeconds(110);
  private static final Duration LEASE = Duration.ofSeconds(120);

  @Test
  @Disabled("Asks for the position to be stored within seconds of a restart while the dead predecessor's claim "
      + "(120 s here) is still valid in the store. The engine now waits for that claim to lapse (at most one lease "
      + "duration) before storing, because the store cannot tell a crashed predecessor from a live duplicate any "
      + "sooner; it no longer disables its store for good (the bug this test found). To rework: a short lease, "
      + "and wait for the lapse. Open item of issue 13.")
  @Timeout(300)
  void anInstanceKilledAndStartedAgainWithinItsClaimResumesItsOwnPosition() {
    String run = "restart-within-claim[mongodb]";
    try (InstanceGroup world = InstanceGroup.start("restart-within-claim", "mongodb")) {
      AppProcess q = world.app("q", "q", false, Map.of("modelchange.lease.duration", LEASE.toSeconds() + "s"));
      StreamKey key = world.eachInstanceKey("q");
      q.start();
      q.awaitStarted(START);
      world.write("before", 0, 10);
      Await.orFail(Duration.ofSeconds(60), () -> q.read().ids(Receipts.EACH).contains(JobWriter.id("before", 9)),
          run + ": q did not receive the first 10 jobs");
      AppProcess.sleep(InstanceGroup.CHECKPOINT_MAX_DELAY.toMillis() * 3); // time to store its position
      Optional<BsonDocument> atKill = world.positions().load(key);

      q.kill();
      AppProcess.Ended killed = q.ended().get(0);
      world.write("down", 0, 50);
      q.start();
      q.awaitStarted(START);
      long pid = q.pid();
      long restartedAfter = q.read().of("START").stream().filter(l -> l.pid() == pid).findFirst().orElseThrow()
          .at() - killed.at();
      world.write("after", 0, 1);
      Await.orFail(Duration.ofSeconds(60), () -> q.read().ids(Receipts.EACH).contains(JobWriter.id("after", 0)),
          run + ": q, started again, did not receive the job written after its restart");
      AppProcess.sleep(InstanceGroup.CHECKPOINT_MAX_DELAY.toMillis() * 3);
      Optional<BsonDocument> afterRestart = world.positions().load(key);

      List<String> received = q.read().of(Receipts.EACH).stream().filter(l -> l.pid() == pid).map(Line::value)
          .toList();
      List<String> down = new ArrayList<>();
      for (int n = 0; n < 50; n++) {
        down.add(JobWriter.id("down", n));
      }
      Set<String> lost = new LinkedHashSet<>(down);
      lost.removeAll(received);
      long duplicateClaims = q.logLinesWith("MODELCHANGE-084").stream().filter(l -> l.pid() == pid).count();
      boolean stores = afterRestart.isPresent() && !afterRestart.equals(atKill);
      System.out.printf("INSTANCES: %s started again %d ms after kill -9 (claim: %s); MODELCHANGE-084 in its log: "
              + "%d; of 50 written while it was down it received %d, lost %d; its stored position moved after the "
              + "restart: %s%n", run, restartedAfter, LEASE, duplicateClaims, down.size() - lost.size(), lost.size(),
          stores);
      assertThat(restartedAfter).as("%s: the restart came within the claim, as this test needs", run)
          .isLessThan(LEASE.toMillis());
      assertThat(duplicateClaims).as("%s: MODELCHANGE-084 (\"another live engine claims instance id q\") logged by "
          + "the restarted q: the engine took its own dead predecessor's claim for a second live instance", run)
          .isZero();
      assertThat(lost).as("%s: of the 50 jobs written while q was down, not received after its restart (it "
          + "started from now instead of its own position)", run).isEmpty();
      assertThat(stores).as("%s: q's position was stored after its restart (before: %s, after: %s)", run, atKill,
          afterRestart).isTrue();
    }
  }
}
