package dev.modelchange.tck.weld.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.modelchange.spi.StreamKey;
import dev.modelchange.tck.weld.instances.ReceiptLog.Line;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several instances of one application as real processes (issue 13): three JVMs of {@link InstanceApp}
 * ({@code a}, {@code b}, {@code c}) in one group, each with an {@code EACH_INSTANCE} observer and a
 * {@code ONE_INSTANCE} observer of {@link Job}, on a MongoDB in a fourth JVM; once with the MongoDB store and
 * once with the JDBC store on PostgreSQL.
 *
 * <p>The three processes are started once per store and shared by the tests, in order (a JVM with Weld takes
 * seconds to start, many more on a loaded machine); each test starts with all three running and writes jobs of
 * its own ({@code <test>-00000}, ...), counted apart from the others'. What each test prints starts with
 * {@code INSTANCES:} (in surefire's {@code *-output.txt}). Settings: see {@link InstanceGroup} (lease 2 s;
 * checkpoints every 100 events or 1 s).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.modelchange.tck.weld.instances.InstanceGroup#stores")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralProcessesTest {
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration STOP = Duration.ofSeconds(30);
  private static final Duration DRAIN = Duration.ofSeconds(90);
  private static final int MAX_EVENTS = InstanceGroup.CHECKPOINT_MAX_EVENTS;
  private static final long MAX_DELAY_MS = InstanceGroup.CHECKPOINT_MAX_DELAY.toMillis();
  /** Failover times of every kill of every store, for the summary. */
  private static final List<Long> FAILOVERS = new CopyOnWriteArrayList<>();

  private static InstanceGroup world;
  private static List<AppProcess> apps;

  @Parameter
  String store;

  /** One kill -9 of the lease holder, and what followed. */
  private record Kill(int number, AppProcess victim, long pid, long at, long gone, int writtenBefore) {}

  @BeforeParameterizedClassInvocation
  static void startGroup(String store) {
    world = InstanceGroup.start("group-" + store, store);
    apps = List.of(world.app("a", "a", true), world.app("b", "b", true), world.app("c", "c", true));
    long starting = System.currentTimeMillis();
    apps.forEach(AppProcess::start);
    apps.forEach(a -> a.awaitStarted(START));
    System.out.printf("INSTANCES: [%s] three instances started in %d ms%n", store,
        System.currentTimeMillis() - starting);
  }

  @AfterParameterizedClassInvocation
  static void stopGroup() {
    if (world != null) {
      world.close();
      world = null;
    }
  }

  @AfterAll
  static void summary() {
    if (FAILOVERS.isEmpty()) {
      return;
    }
    List<Long> sorted = new ArrayList<>(FAILOVERS);
    Collections.sort(sorted);
    int n = sorted.size();
    long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    System.out.printf("INSTANCES: failover (kill -9 of the holder to the first job on the new one) over %d kills: "
        + "median %d ms, worst %d ms; all, in order: %s%n", n, median, sorted.get(n - 1), FAILOVERS);
  }

  /** Each test starts with the three running (an earlier test that failed may have left one down). */
  @BeforeEach
  void allThreeRunning() {
    for (AppProcess a : apps) {
      if (!a.alive()) {
        a.start();
      }
    }
    apps.forEach(a -> a.awaitStarted(START));
  }

  /**
   * 5,000 jobs written at 250 a second (batches of 50 every 200 ms); the instance whose {@code ONE_INSTANCE}
   * observer is receiving is killed with {@code kill -9} three times (once at least 1,000, 2,500 and 4,000 are
   * written, and only while another instance runs to take over) and started again at once. Where the JVMs boot
   * slowly (a loaded machine), the third kill waits for a restarted instance: writing then goes on at 50 a second
   * until the third failover is seen.
   *
   * <p>{@code ONE_INSTANCE}: across the group every job arrives. A job arrives again only when the instance that
   * had it was killed before checkpointing it: at most what the killed holder received in its last
   * {@code checkpoint.max-delay} plus {@code checkpoint.max-events} per kill (a save is due after either, and is
   * written before the next is due). Redeliveries not due to a kill are allowed only after a lease lost to a
   * pause (MODELCHANGE-083 logged), with the same bound each (plus a lease duration); one instance delivering
   * while another holds the lease fails the test. {@code EACH_INSTANCE}: every instance gets every job, a killed
   * one across its incarnations (it resumes its own position), redelivering per kill at most the same bound.
   */
  @Test
  @Order(1)
  @Timeout(480)
  void killingTheLeaseHolderLosesNothingAndRedeliversOnlyTheCheckpointWindow() {
    String run = "kill[" + store + "]";
    String prefix = "kill";
    long began = System.currentTimeMillis();
    List<Kill> kills = new ArrayList<>();
    Map<Kill, Long> failover = new HashMap<>();
    Map<Kill, String> newHolder = new HashMap<>();
    List<String> ids;
    try (JobWriter writer = new JobWriter(world.jobs(), prefix, Integer.MAX_VALUE, 50, Duration.ofMillis(200))
        .start()) {
      for (int target : new int[] {1000, 2500, 4000}) {
        writer.awaitWritten(target, Duration.ofSeconds(120));
        Await.orFail(START, () -> {
          if (writer.written() >= 5000) {
            writer.batch(10);
          }
          return apps.stream().filter(AppProcess::started).count() >= 2;
        }, run + ": fewer than two instances running, none to take over");
        AppProcess holder = awaitHolder();
        int writtenBefore = writer.written();
        holder.kill();
        AppProcess.Ended killed = holder.ended().get(holder.ended().size() - 1);
        Kill kill = new Kill(kills.size() + 1, holder, killed.pid(), killed.at(), killed.gone(), writtenBefore);
        kills.add(kill);
        Line first = awaitFirst(l -> l.kind().equals(Receipts.ONE) && l.at() >= kill.at() && l.pid() != kill.pid(),
            Duration.ofSeconds(60), run + " kill #" + kill.number() + ": no instance received a ONE_INSTANCE job "
                + "within 60 s of the kill of the holder " + holder);
        failover.put(kill, first.at() - kill.at());
        newHolder.put(kill, apps.stream().filter(a -> a.pids().contains(first.pid())).findFirst()
            .map(a -> a.instanceId).orElse("?"));
        FAILOVERS.add(first.at() - kill.at());
        holder.start(); // as a supervisor would, at once
        if (writer.written() >= 5000) {
          writer.batch(10); // 50 a second while the kills go on: a smaller oplog to scan for every getMore
        }
      }
      writer.awaitWritten(5000, Duration.ofSeconds(120));
      writer.stop();
      ids = writer.ids();
    }
    long written = System.currentTimeMillis();
    apps.forEach(a -> a.awaitStarted(START));
    drain(ids, prefix);
    long drained = System.currentTimeMillis();

    List<Line> one = oneLines(prefix);
    Set<String> oneDistinct = distinct(one);
    Set<String> oneLost = missing(ids, oneDistinct);
    Redeliveries again = new Redeliveries(one, endings(began), takeovers(began), MAX_EVENTS);
    for (Kill kill : kills) {
      Redeliveries.Ending e = ending(kill);
      System.out.printf("INSTANCES: %s kill #%d: kill -9 of %s (pid %d, the ONE_INSTANCE holder) with %d written; "
              + "%s took over, its first job %d ms after the kill; redelivered %d (bound %d: max-events %d + what %s "
              + "received in its last %d ms)%n", run, kill.number(), kill.victim(), kill.pid(), kill.writtenBefore(),
          newHolder.get(kill), failover.get(kill), again.after(e), again.bound(e), MAX_EVENTS, kill.victim(),
          MAX_DELAY_MS);
    }
    int duplicates = one.size() - oneDistinct.size();
    System.out.printf("INSTANCES: %s ONE_INSTANCE: written %d, delivered %d, lost %d%s, duplicated %d (%s); wrote "
            + "for %d ms, drained in %d ms%n", run, ids.size(), one.size(), oneLost.size(), sample(oneLost),
        duplicates, again.describe(), written - began, drained - written);
    List<String> eachProblems = new ArrayList<>();
    for (AppProcess a : apps) {
      List<Line> each = eachLines(a, prefix);
      Set<String> eachDistinct = distinct(each);
      Set<String> lost = missing(ids, eachDistinct);
      long killed = kills.stream().filter(k -> k.victim() == a).count();
      int eachDuplicates = each.size() - eachDistinct.size();
      // per kill: max-events plus what the victim received in its last max-delay, as for ONE_INSTANCE
      long bound = kills.stream().filter(k -> k.victim() == a).mapToLong(k -> MAX_EVENTS + each.stream()
          .filter(l -> l.pid() == k.pid() && l.at() <= k.gone() && l.at() >= k.at() - MAX_DELAY_MS).count()).sum();
      System.out.printf("INSTANCES: %s EACH_INSTANCE %s: written %d, delivered %d, lost %d%s, duplicated %d "
              + "(killed %d times, bound %d; incarnations %s)%n", run, a, ids.size(), each.size(), lost.size(),
          sample(lost), eachDuplicates, killed, bound, a.pids());
      if (!lost.isEmpty() || eachDuplicates > bound) {
        eachProblems.add(a + ": lost " + lost.size() + sample(lost) + ", duplicated " + eachDuplicates + " (bound "
            + bound + ")");
      }
    }
    assertThat(oneLost).as("%s ONE_INSTANCE: of %d written, lost across the group %d%s", run, ids.size(),
        oneLost.size(), sample(oneLost)).isEmpty();
    assertThat(again.problems()).as("%s ONE_INSTANCE redelivery (%d duplicates: %s)", run, duplicates,
        again.describe()).isEmpty();
    assertThat(eachProblems).as("%s EACH_INSTANCE, per instance", run).isEmpty();
    for (Kill kill : kills) {
      assertThat(failover.get(kill)).as("%s kill #%d: failover (ms) with a lease of %s", run, kill.number(),
          InstanceGroup.LEASE_DURATION).isLessThan(30_000);
    }
  }

  /**
   * All three restarted one at a time with {@code SIGTERM} (each started again, and up, before the next stops)
   * while 50 jobs a second are written: each stores its last checkpoint and gives up its lease as it stops, so
   * across the group no {@code ONE_INSTANCE} job is lost or delivered again because of a restart, and each
   * instance gets every job exactly once. (A lease lost to a pause of the machine, MODELCHANGE-083, is no part
   * of a graceful restart: what it redelivers is counted and bounded apart, as in the kill test.)
   */
  @Test
  @Order(2)
  @Timeout(480)
  void aRollingRestartLosesAndRepeatsNothing() {
    String run = "rolling[" + store + "]";
    String prefix = "roll";
    long began = System.currentTimeMillis();
    List<String> ids;
    List<String> steps = new ArrayList<>();
    try (JobWriter writer = new JobWriter(world.jobs(), prefix, Integer.MAX_VALUE, 10, Duration.ofMillis(200))
        .start()) {
      writer.awaitWritten(100, Duration.ofSeconds(60));
      for (AppProcess a : apps) {
        boolean held = holding(a);
        long stopping = System.currentTimeMillis();
        a.stop(STOP);
        long stopped = System.currentTimeMillis();
        a.start();
        a.awaitStarted(START);
        steps.add(String.format("%s (%s) stopped in %d ms, up again %d ms later", a,
            held ? "receiving ONE_INSTANCE jobs" : "standing by", stopped - stopping,
            System.currentTimeMillis() - stopped));
        writer.awaitWritten(writer.written() + 100, Duration.ofSeconds(60));
      }
      writer.stop();
      ids = writer.ids();
    }
    drain(ids, prefix);

    List<Line> one = oneLines(prefix);
    Set<String> oneDistinct = distinct(one);
    Set<String> oneLost = missing(ids, oneDistinct);
    int oneDuplicates = one.size() - oneDistinct.size();
    Redeliveries again = new Redeliveries(one, endings(began), takeovers(began), MAX_EVENTS);
    Map<String, Long> byInstance = new LinkedHashMap<>();
    apps.forEach(a -> byInstance.put(a.instanceId, one.stream().filter(l -> a.pids().contains(l.pid())).count()));
    System.out.printf("INSTANCES: %s %s%n", run, String.join("; ", steps));
    System.out.printf("INSTANCES: %s ONE_INSTANCE: written %d, delivered %d (by instance %s), lost %d%s, "
            + "duplicated %d (%s)%n", run, ids.size(), one.size(), byInstance, oneLost.size(), sample(oneLost),
        oneDuplicates, again.describe());
    List<String> eachProblems = new ArrayList<>();
    for (AppProcess a : apps) {
      List<Line> each = eachLines(a, prefix);
      Set<String> eachDistinct = distinct(each);
      Set<String> lost = missing(ids, eachDistinct);
      int duplicates = each.size() - eachDistinct.size();
      System.out.printf("INSTANCES: %s EACH_INSTANCE %s: written %d, delivered %d, lost %d%s, duplicated %d%n",
          run, a, ids.size(), each.size(), lost.size(), sample(lost), duplicates);
      if (!lost.isEmpty() || duplicates > 0) {
        eachProblems.add(a + ": lost " + lost.size() + sample(lost) + ", duplicated " + duplicates);
      }
    }
    assertThat(oneLost).as("%s ONE_INSTANCE: of %d written, lost %d%s", run, ids.size(), oneLost.size(),
        sample(oneLost)).isEmpty();
    assertThat(again.afterAll("SIGTERM")).as("%s ONE_INSTANCE: delivered again after a graceful stop (%s)", run,
        again.describe()).isZero();
    assertThat(again.problems()).as("%s ONE_INSTANCE: %d delivered for %d written (%s)", run, one.size(),
        ids.size(), again.describe()).isEmpty();
    assertThat(eachProblems).as("%s EACH_INSTANCE after graceful restarts", run).isEmpty();
  }

  /**
   * A fourth process with the instance id of a running one ({@code a}): it logs MODELCHANGE-084 and stores
   * nothing, and {@code a}'s position is not disturbed: it keeps advancing while both run, stays where {@code a}
   * left it while only the duplicate runs, and {@code a}, started again, resumes from it exactly.
   */
  @Test
  @Order(3)
  @Timeout(300)
  void aSecondInstanceWithTheSameIdIsDetectedAndStoresNothing() {
    String run = "duplicate-id[" + store + "]";
    String prefix = "dup";
    AppProcess a = apps.get(0);
    AppProcess duplicate = world.app("a", "a-duplicate", false);
    StreamKey key = world.eachInstanceKey("a");
    BsonDocument p0 = world.positions().load(key).orElseThrow(() -> new AssertionError(run + ": a stored no "
        + "position of its EACH_INSTANCE stream " + key));
    try {
      duplicate.start();
      duplicate.awaitStarted(START);
      Await.orFail(Duration.ofSeconds(20), () -> duplicate.logText().contains("MODELCHANGE-084"),
          run + ": the second instance \"a\" logged no MODELCHANGE-084; its log ends with:\n"
              + duplicate.logTail(30));
      world.write(prefix, 0, 100);
      Await.orFail(Duration.ofSeconds(60), () -> eachLines(a, prefix).size() >= 100
          && eachLines(duplicate, prefix).size() >= 100, run + ": a and its duplicate should receive 100 jobs");
      Await.orFail(Duration.ofSeconds(20), () -> !world.positions().load(key).orElseThrow().equals(p0),
          run + ": a's position did not advance past " + p0 + " while the duplicate ran");

      a.stop(STOP);
      BsonDocument left = world.positions().load(key).orElseThrow();
      world.write(prefix, 100, 200);
      Await.orFail(Duration.ofSeconds(60), () -> eachLines(duplicate, prefix).size() >= 200,
          run + ": the duplicate should receive jobs 100..199");
      // for three checkpoint periods (time enough to store, if it did), a's stored position stays as a left it
      Await.holds(Duration.ofMillis(MAX_DELAY_MS * 3), () -> world.positions().load(key).orElseThrow().equals(left));
      BsonDocument afterDuplicate = world.positions().load(key).orElseThrow();
      duplicate.stop(STOP);

      a.start();
      a.awaitStarted(START);
      world.write(prefix, 200, 201);
      long pid = a.pid();
      Await.orFail(Duration.ofSeconds(60), () -> eachLines(a, prefix).stream()
          .anyMatch(l -> l.pid() == pid && l.value().equals(JobWriter.id(prefix, 200))),
          run + ": a, started again, did not receive job 200");
      List<String> resumed = eachLines(a, prefix).stream().filter(l -> l.pid() == pid).map(Line::value).toList();
      List<String> expected = new ArrayList<>();
      for (int n = 100; n <= 200; n++) {
        expected.add(JobWriter.id(prefix, n));
      }
      long errorsA = a.logLines("MODELCHANGE-084");
      long errorsDuplicate = duplicate.logLines("MODELCHANGE-084");
      System.out.printf("INSTANCES: %s MODELCHANGE-084 lines: a %d, its duplicate %d; a's position advanced while "
              + "both ran: %s; a's stored position unchanged while only the duplicate ran (100 jobs): %s; a, "
              + "started again, received %d jobs (expected the 101 written after it stopped; lost %d, duplicated "
              + "%d)%n", run, errorsA, errorsDuplicate, true, afterDuplicate.equals(left), resumed.size(),
          missing(expected, new HashSet<>(resumed)).size(), resumed.size() - new HashSet<>(resumed).size());
      assertThat(errorsA).as("%s: MODELCHANGE-084 in the log of a, the rightful instance", run).isZero();
      assertThat(afterDuplicate).as("%s: a's stored position after its duplicate alone received 100 jobs (it "
          + "must store nothing)", run).isEqualTo(left);
      assertThat(resumed).as("%s: what a received after its restart, from its own position", run)
          .containsExactlyElementsOf(expected);
    } finally {
      duplicate.destroy();
    }
  }

  /**
   * What ended a process's deliveries since {@code since}: kills and graceful stops (lateness: a checkpoint
   * period), and leases lost to a pause, MODELCHANGE-083 (lateness: a checkpoint period and a lease duration).
   */
  private static List<Redeliveries.Ending> endings(long since) {
    List<Redeliveries.Ending> endings = new ArrayList<>();
    for (AppProcess a : apps) {
      a.ended().stream().filter(e -> e.at() >= since).forEach(e -> endings.add(new Redeliveries.Ending(
          e.how() + " of " + a, e.pid(), e.at(), e.gone(), MAX_DELAY_MS, false)));
      a.logLinesWith("MODELCHANGE-083").stream().filter(l -> l.at() >= since).forEach(l -> endings.add(
          new Redeliveries.Ending("lease lost to a pause by " + a + " (MODELCHANGE-083)", l.pid(), l.at(), l.at(),
              MAX_DELAY_MS + InstanceGroup.LEASE_DURATION.toMillis(), true)));
    }
    endings.sort(Comparator.comparingLong(Redeliveries.Ending::at));
    return endings;
  }

  /** When each process took the ONE_INSTANCE lease since {@code since} (MODELCHANGE-081). */
  private static List<Redeliveries.Takeover> takeovers(long since) {
    List<Redeliveries.Takeover> t = new ArrayList<>();
    apps.forEach(a -> a.logLinesWith("MODELCHANGE-081").stream().filter(l -> l.at() >= since)
        .forEach(l -> t.add(new Redeliveries.Takeover(l.pid(), l.at()))));
    return t;
  }

  private static Redeliveries.Ending ending(Kill kill) {
    return new Redeliveries.Ending("kill -9 of " + kill.victim(), kill.pid(), kill.at(), kill.gone(),
        MAX_DELAY_MS, false);
  }

  /** Waits until the group has every job of the test, ONE_INSTANCE and in each instance. */
  private static void drain(List<String> ids, String prefix) {
    Await.quietly(DRAIN, () -> distinct(oneLines(prefix)).containsAll(ids)
        && apps.stream().allMatch(a -> distinct(eachLines(a, prefix)).containsAll(ids)));
  }

  /** The ONE_INSTANCE receipts of the test's jobs across the group, in time order. */
  private static List<Line> oneLines(String prefix) {
    List<Line> one = new ArrayList<>();
    apps.forEach(a -> one.addAll(ofTest(a.read().of(Receipts.ONE), prefix)));
    one.sort(Comparator.comparingLong(Line::at));
    return one;
  }

  private static List<Line> eachLines(AppProcess a, String prefix) {
    return ofTest(a.read().of(Receipts.EACH), prefix);
  }

  private static List<Line> ofTest(List<Line> lines, String prefix) {
    return lines.stream().filter(l -> l.value().startsWith(prefix + "-")).toList();
  }

  private static Set<String> distinct(List<Line> lines) {
    Set<String> ids = new HashSet<>();
    lines.forEach(l -> ids.add(l.value()));
    return ids;
  }

  /** The running instance whose ONE_INSTANCE observer received the latest job, in the last second. */
  private static AppProcess awaitHolder() {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      AppProcess best = null;
      long latest = 0;
      for (AppProcess a : apps) {
        if (!a.alive()) {
          continue;
        }
        long pid = a.pid();
        Optional<Line> last = a.read().last(Receipts.ONE).filter(l -> l.pid() == pid);
        if (last.isPresent() && last.get().at() > latest) {
          latest = last.get().at();
          best = a;
        }
      }
      if (best != null && System.currentTimeMillis() - latest < 1000) {
        return best;
      }
      AppProcess.sleep(50);
    }
    return fail("no instance's ONE_INSTANCE observer received a job in the last 60 s");
  }

  private static boolean holding(AppProcess a) {
    long pid = a.pid();
    return a.read().last(Receipts.ONE).filter(l -> l.pid() == pid && System.currentTimeMillis() - l.at() < 3000)
        .isPresent();
  }

  private static Line awaitFirst(Predicate<Line> which, Duration timeout, String failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Line> first = apps.stream().map(a -> a.read().first(which)).flatMap(Optional::stream)
          .min(Comparator.comparingLong(Line::at));
      if (first.isPresent()) {
        return first.get();
      }
      AppProcess.sleep(50);
    }
    return fail(failure);
  }

  private static Set<String> missing(Collection<String> expected, Set<String> got) {
    Set<String> m = new LinkedHashSet<>(expected);
    m.removeAll(got);
    return m;
  }

  private static String sample(Set<String> ids) {
    return ids.isEmpty() ? "" : " (e.g. " + ids.stream().limit(5).toList() + ")";
  }
}
