package dev.modelchange.tck.backend;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Skips a test or a whole test class whose {@link RequiresCapability} the chosen backend lacks, naming what is
 * missing: {@code TCK backend embedded lacks capability UPDATE_DESCRIPTION, REPLACE_EVENTS}. A skipped class adds
 * what some of its tests need besides: {@code ...; some of its tests also need TRUNCATED_ARRAYS}.
 *
 * <p>A class-level condition is evaluated before any {@code @BeforeAll} callback, so before the runner has
 * started the backend of that class: the capabilities then come from the chosen kind ({@link
 * TckBackends#capabilities()}): none for {@code embedded}, and for {@code uri} and {@code testcontainers} what the
 * server says when asked (which connects, or starts the container, once per JVM). When that fails (no Docker
 * engine, an unreachable URI), the condition throws, and the class fails instead of being skipped.
 */
public final class CapabilityCondition implements ExecutionCondition {
  /** How every skip reason of this condition starts; {@link TckReportListener} counts such skips. */
  public static final String REASON_PREFIX = "TCK backend ";
  private static final String LACKS = " lacks capability ";
  private static final String ALSO = "; some of its tests also need ";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Set<Capability> needed = EnumSet.noneOf(Capability.class);
    context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresCapability.class))
        .ifPresent(r -> needed.addAll(Arrays.asList(r.value())));
    if (needed.isEmpty()) {
      return ConditionEvaluationResult.enabled("needs no capability");
    }
    String kind = TckBackends.kind().id();
    Set<Capability> have = TckBackends.capabilities();
    Set<Capability> missing = EnumSet.copyOf(needed);
    missing.removeAll(have);
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled(REASON_PREFIX + kind + " has " + names(needed));
    }
    // a skipped class also says what its tests need besides, so the report names everything left unchecked
    Set<Capability> alsoMissing = EnumSet.noneOf(Capability.class);
    context.getTestClass().filter(c -> context.getTestMethod().isEmpty()).ifPresent(c ->
        AnnotationSupport.findAnnotatedMethods(c, RequiresCapability.class, HierarchyTraversalMode.TOP_DOWN)
            .forEach(m -> alsoMissing.addAll(Arrays.asList(m.getAnnotation(RequiresCapability.class).value()))));
    alsoMissing.removeAll(have);
    alsoMissing.removeAll(missing);
    return ConditionEvaluationResult.disabled(reason(kind, missing, alsoMissing));
  }

  /** The skip reason for a backend that lacks {@code missing} (and, for some tests of a class, {@code also}). */
  static String reason(String kind, Set<Capability> missing, Set<Capability> also) {
    return REASON_PREFIX + kind + LACKS + names(missing)
        + (also.isEmpty() ? "" : ALSO + names(also));
  }

  /** Whether {@code reason} is a skip reason of this condition. */
  public static boolean isCapabilitySkip(String reason) {
    return reason != null && reason.startsWith(REASON_PREFIX) && reason.contains(LACKS);
  }

  /** The capabilities that a skip reason of this condition names; empty for any other reason. */
  public static Set<Capability> missingIn(String reason) {
    Set<Capability> found = EnumSet.noneOf(Capability.class);
    if (!isCapabilitySkip(reason)) {
      return found;
    }
    for (String name : reason.substring(reason.indexOf(LACKS) + LACKS.length()).split("[^A-Za-z_]+")) {
      try {
        found.add(Capability.valueOf(name));
      } catch (IllegalArgumentException e) {
        // a word of the wording, or a capability of another version of the TCK: count the skip all the same
      }
    }
    return found;
  }

  private static String names(Set<Capability> capabilities) {
    return capabilities.stream().map(Enum::name).collect(Collectors.joining(", "));
  }
}
