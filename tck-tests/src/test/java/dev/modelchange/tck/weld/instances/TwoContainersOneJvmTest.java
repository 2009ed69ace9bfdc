package dev.modelchange.tck.weld.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two Weld SE containers in this JVM, instance ids {@code a} and {@code b} of one group, both running at once
 * (each with its own configuration: see {@link InstanceApp#start}): each keeps and resumes its own
 * {@code EACH_INSTANCE} position. They are stopped at different points, so their positions differ; after the
 * restart each must get exactly what was written after it stopped: nothing of the other's position.
 */
class TwoContainersOneJvmTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.modelchange.tck.weld.instances.InstanceGroup#stores")
  @Timeout(120)
  void eachContainerResumesItsOwnPosition(String store) {
    String run = "one-jvm[" + store + "]";
    try (InstanceGroup world = InstanceGroup.start("one-jvm-" + store, store)) {
      Map<String, String> config = world.config();
      Path dir = world.dir;
      InstanceApp a = InstanceApp.start("a", config, dir.resolve("a1.receipts"), false);
      InstanceApp b;
      try {
        b = InstanceApp.start("b", config, dir.resolve("b1.receipts"), false);
      } catch (RuntimeException e) {
        a.close();
        throw e;
      }
      world.write("job", 0, 100);
      Await.orFail(WAIT, () -> count(dir, "a1") == 100 && count(dir, "b1") == 100
          && world.positions().load(world.eachInstanceKey("a")).isPresent()
          && world.positions().load(world.eachInstanceKey("b")).isPresent(),
          run + ": both containers should receive 100 jobs and store their positions");
      a.close();
      world.write("job", 100, 200); // only b is running
      Await.orFail(WAIT, () -> count(dir, "b1") == 200, run + ": b should receive jobs 100..199");
      b.close();
      world.write("job", 200, 400); // neither is running

      InstanceApp a2 = InstanceApp.start("a", config, dir.resolve("a2.receipts"), false);
      try (a2; InstanceApp b2 = InstanceApp.start("b", config, dir.resolve("b2.receipts"), false)) {
        world.write("job", 400, 401);
        Await.orFail(WAIT, () -> ids(dir, "a2").contains(JobWriter.id("job", 400))
            && ids(dir, "b2").contains(JobWriter.id("job", 400)),
            run + ": both should receive job 400 after the restart");
      }
      List<String> gotA = ids(dir, "a2");
      List<String> gotB = ids(dir, "b2");
      List<String> expectA = range(100, 401);
      List<String> expectB = range(200, 401);
      System.out.printf("INSTANCES: %s after the restart a received %d (expected %d: jobs 100..400), b received "
              + "%d (expected %d: jobs 200..400); distinct: a %d, b %d%n", run, gotA.size(), expectA.size(),
          gotB.size(), expectB.size(), new HashSet<>(gotA).size(), new HashSet<>(gotB).size());
      assertThat(gotA).as("%s: a, stopped after job 99, resumes from its own position", run)
          .containsExactlyElementsOf(expectA);
      assertThat(gotB).as("%s: b, stopped after job 199, resumes from its own position", run)
          .containsExactlyElementsOf(expectB);
    }
  }

  private static List<String> ids(Path dir, String file) {
    return ReceiptLog.read(dir.resolve(file + ".receipts")).ids(Receipts.EACH);
  }

  private static long count(Path dir, String file) {
    return ReceiptLog.read(dir.resolve(file + ".receipts")).count(Receipts.EACH);
  }

  private static List<String> range(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int n = from; n < to; n++) {
      ids.add(JobWriter.id("job", n));
    }
    return ids;
  }
}
