package dev.modelchange.cdi;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.modelchange.ModelChange;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Internal: an {@link ObserverSpec} whose declaration the build checked, carried from the build-compatible
 * extension to its {@link ModelChangeBuildExtension.Creator} as a synthetic bean parameter. CDI Lite passes
 * annotations there (built at build time as {@code AnnotationInfo}, read at run time as instances), and an
 * annotation can carry the observer's own {@link ModelChange}, whose {@code value()} becomes the model's
 * {@code Class} at run time. Never written on a declaration. Public for the container only.
 */
@Retention(RUNTIME)
@Target({})
public @interface ObserverSpecParam {
  /** {@link ObserverSpec#beanClass()}. */
  String beanClass();

  /** {@link ObserverSpec#methodName()}. */
  String methodName();

  /** {@link ObserverSpec#parameterTypes()}. */
  String[] parameterTypes();

  /** {@link ObserverSpec#simpleParameterTypes()}. */
  String[] simpleParameterTypes();

  /** The observer's qualifier, as declared. */
  ModelChange qualifier();

  /** {@link ObserverSpec#async()}. */
  boolean async();

  /** {@link ObserverSpec#priority()}. */
  int priority();
}
