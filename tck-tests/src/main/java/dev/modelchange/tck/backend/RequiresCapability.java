package dev.modelchange.tck.backend;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test (on a method), or every test of the class (on a class; inherited by a runner's subclass), needs these
 * capabilities of the backend; on a backend without them it is skipped, naming them ({@link CapabilityCondition}).
 * A class-level requirement is decided before the runner starts the backend, from the chosen kind.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(CapabilityCondition.class)
public @interface RequiresCapability {
  Capability[] value();
}
