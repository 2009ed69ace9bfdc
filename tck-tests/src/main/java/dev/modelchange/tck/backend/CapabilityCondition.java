package dev.modelchange.tck.backend;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips a test whose {@link RequiresCapability} the current backend lacks, naming what is missing. */
public final class CapabilityCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Set<Capability> needed = EnumSet.noneOf(Capability.class);
    context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresCapability.class))
        .ifPresent(r -> needed.addAll(Set.of(r.value())));
    if (needed.isEmpty()) {
      return ConditionEvaluationResult.enabled("needs no capability");
    }
    TckBackends.Kind kind = TckBackends.kind();
    Set<Capability> missing = EnumSet.copyOf(needed);
    missing.removeAll(TckBackends.capabilities());
    return missing.isEmpty()
        ? ConditionEvaluationResult.enabled("backend " + kind + " has " + needed)
        : ConditionEvaluationResult.disabled("backend " + kind + " lacks capability " + missing);
  }
}
