package dev.modelchange.sample.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.modelchange.tck.broken.Broken;
import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TCK's broken observers on Quarkus whose observed type or qualifier is wrong ({@code MODELCHANGE-010},
 * {@code -011}), all in one build: each is reported as a deployment error with the code, the bean and method, and
 * the cause that the portable extension reports on Weld. The checks that need the engine or the model's class
 * (filter, model) run at start-up: {@link StartupBrokenObserversTest}.
 */
class BrokenObserversTest {
  /** The TCK's beans other than the broken ones (its jar has a Jandex index, so Quarkus finds them all). */
  static final List<String> ALL_BUT_BROKEN = List.of("dev.modelchange.tck.delivery.**",
      "dev.modelchange.tck.dispatch.**", "dev.modelchange.tck.matching.**", "dev.modelchange.tck.listeners.**",
      "dev.modelchange.tck.realmongo.**");

  /** The broken observers of the TCK that the build reports. */
  static final List<String> BUILD_TIME = List.of("RawObserver", "WildcardObserver", "MismatchedObserver",
      "UnqualifiedObserver");
  /** The broken observers of the TCK that the start reports. */
  static final List<String> START_TIME = List.of("BadJsonObserver", "UnsupportedFilterObserver",
      "UnmappableModelObserver", "NoConstructorModelObserver");
  /** The TCK's broken beans are nested in this class. */
  static final String BROKEN = "dev.modelchange.tck.broken.Broken$";

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("quarkus.devservices.enabled", "false")
      .overrideConfigKey("quarkus.arc.exclude-types", excluding(START_TIME))
      .assertException(failure -> namesEach(failure, BUILD_TIME));

  /** The value of quarkus.arc.exclude-types that leaves only the broken beans but {@code others}. */
  static String excluding(List<String> others) {
    List<String> excluded = new ArrayList<>(ALL_BUT_BROKEN);
    others.forEach(bean -> excluded.add(BROKEN + bean));
    return String.join(",", excluded);
  }

  /**
   * Asserts that the failure names each of the beans as the TCK says. The TCK's classes are loaded only now, once
   * the application has failed: loaded by the test's class loader before a start, they would clash with the
   * application's copies.
   */
  static void namesEach(Throwable failure, List<String> beans) {
    String message = messages(failure);
    for (String bean : beans) {
      Broken.Case c = Broken.CASES.stream().filter(k -> k.bean().getName().equals(BROKEN + bean)).findFirst()
          .orElseThrow();
      assertThat(message).as(c.toString()).contains(c.code() + " Observer " + BROKEN + c.method())
          .contains(c.cause());
    }
  }

  /** The messages of a failure and its causes and suppressed exceptions. */
  static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    append(t, all);
    return all.toString();
  }

  private static void append(Throwable t, StringBuilder all) {
    if (t == null) {
      return;
    }
    all.append(t.getMessage()).append('\n');
    for (Throwable s : t.getSuppressed()) {
      append(s, all);
    }
    append(t.getCause(), all);
  }

  @Test
  void deploymentFails() {
    fail("the deployment must fail");
  }
}
