package dev.modelchange.tck.backend;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a run what the TCK checked on which backend, and what it could not check there:
 *
 * <pre>
 * TCK embedded: 41 run, 41 passed, 0 failed, 17 skipped by capability (UPDATE_DESCRIPTION, REPLACE_EVENTS, ...)
 * </pre>
 *
 * One line per backend. It counts the tests of TCK classes only (a class of {@code dev.modelchange.tck} or a
 * subclass of one, as a runner's are); "run" is passed plus failed; a class whose set-up failed counts its tests as
 * failed; skips for another reason than {@link CapabilityCondition}'s (a {@code @Disabled}, a failed assumption)
 * are added as "N skipped otherwise". Registered in {@code META-INF/services}, so every JUnit Platform run that has
 * the TCK jar on its class path prints it, on standard error.
 */
public final class TckReportListener implements TestExecutionListener {
  private static final String TCK_PACKAGE = "dev.modelchange.tck.";

  private final PrintStream out;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final Map<String, Boolean> tckClasses = new HashMap<>();
  private final Set<String> started = new HashSet<>();
  private TestPlan plan;

  /**
   * Prints to the process's own standard error, not to {@code System.err} or {@code System.out}: surefire (with
   * {@code redirectTestOutputToFile}, as this project sets it) captures those into the last test class's output
   * file, while the forked JVM's native standard error reaches the Maven console as it is. (Its native standard
   * output would not do: surefire talks to the fork over it.)
   */
  public TckReportListener() {
    this(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
  }

  TckReportListener(PrintStream out) {
    this.out = out;
  }

  private static final class Tally {
    int passed;
    int failed;
    int skippedByCapability;
    int skippedOtherwise;
    final Set<Capability> missing = EnumSet.noneOf(Capability.class);
  }

  @Override
  public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    tallies.clear();
    started.clear();
  }

  @Override
  public synchronized void executionStarted(TestIdentifier id) {
    if (id.isTest()) {
      started.add(id.getUniqueId());
    }
  }

  @Override
  public synchronized void executionSkipped(TestIdentifier id, String reason) {
    if (!isTck(id)) {
      return;
    }
    int tests = Math.max(1, testsUnder(id, false));
    Tally t = tally();
    if (CapabilityCondition.isCapabilitySkip(reason)) {
      t.skippedByCapability += tests;
      t.missing.addAll(CapabilityCondition.missingIn(reason));
    } else {
      t.skippedOtherwise += tests;
    }
  }

  @Override
  public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (!isTck(id)) {
      return;
    }
    Tally t = tally();
    if (id.isTest()) {
      switch (result.getStatus()) {
        case SUCCESSFUL -> t.passed++;
        case FAILED -> t.failed++;
        default -> t.skippedOtherwise++; // ABORTED: a failed assumption
      }
    } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
      // a class whose set-up failed (no backend, a broken deployment): its tests that never ran fail with it
      t.failed += Math.max(1, testsUnder(id, true));
    }
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    tallies.forEach((backend, t) -> out.println(line(backend, t)));
    out.flush();
  }

  static String line(String backend, int passed, int failed, int skippedByCapability, Set<Capability> missing,
      int skippedOtherwise) {
    return "TCK " + backend + ": " + (passed + failed) + " run, " + passed + " passed, " + failed + " failed, "
        + skippedByCapability + " skipped by capability ("
        + missing.stream().map(Enum::name).collect(Collectors.joining(", ")) + ")"
        + (skippedOtherwise > 0 ? ", " + skippedOtherwise + " skipped otherwise" : "");
  }

  private static String line(String backend, Tally t) {
    return line(backend, t.passed, t.failed, t.skippedByCapability, t.missing, t.skippedOtherwise);
  }

  private Tally tally() {
    String backend;
    try {
      backend = TckBackends.kind().id();
    } catch (RuntimeException e) {
      backend = System.getProperty(TckBackends.BACKEND_PROPERTY, "?");
    }
    return tallies.computeIfAbsent(backend, b -> new Tally());
  }

  /** The tests below a container (known before it runs: not the invocations of a parameterized test). */
  private int testsUnder(TestIdentifier id, boolean onlyNotStarted) {
    if (id.isTest()) {
      return onlyNotStarted && started.contains(id.getUniqueId()) ? 0 : 1;
    }
    if (plan == null) {
      return 0;
    }
    return (int) plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
        .filter(d -> !onlyNotStarted || !started.contains(d.getUniqueId())).count();
  }

  /** Whether the test belongs to a TCK class: one of {@code dev.modelchange.tck}, or a subclass of one. */
  private boolean isTck(TestIdentifier id) {
    Optional<String> className = className(id);
    return className.isPresent() && tckClasses.computeIfAbsent(className.get(), TckReportListener::isTckClass);
  }

  private Optional<String> className(TestIdentifier id) {
    for (TestIdentifier i = id; i != null; i = plan == null ? null : plan.getParent(i).orElse(null)) {
      TestSource source = i.getSource().orElse(null);
      if (source instanceof MethodSource) {
        return Optional.of(((MethodSource) source).getClassName());
      }
      if (source instanceof ClassSource) {
        return Optional.of(((ClassSource) source).getClassName());
      }
    }
    return Optional.empty();
  }

  private static boolean isTckClass(String name) {
    if (name.startsWith(TCK_PACKAGE)) {
      return true;
    }
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      for (Class<?> c = Class.forName(name, false, loader); c != null; c = c.getSuperclass()) {
        if (c.getName().startsWith(TCK_PACKAGE)) {
          return true;
        }
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // not loadable here: not ours to count
    }
    return false;
  }
}
