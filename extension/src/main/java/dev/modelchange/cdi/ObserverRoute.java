package dev.modelchange.cdi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Internal: added by discovery to every {@code ChangeEvent} observer, naming it uniquely, so that the engine
 * fires each event to exactly the observers whose operations, filter and full-document mode match it, in
 * priority order. CDI's own resolution cannot do that: only {@code ModelChange.value()} is binding (array
 * members cannot be, on Quarkus).
 */
@Qualifier
@Retention(RUNTIME)
@Target({PARAMETER, FIELD, METHOD, TYPE})
public @interface ObserverRoute {
  /** {@code <bean class>#<method>(<parameter types>)}. */
  String value();

  /** Builds {@link ObserverRoute} instances. */
  final class Literal extends AnnotationLiteral<ObserverRoute> implements ObserverRoute {
    private static final long serialVersionUID = 1L;
    private final String value;

    private Literal(String value) {
      this.value = value;
    }

    public static Literal of(String route) {
      return new Literal(route);
    }

    @Override
    public String value() {
      return value;
    }
  }
}
