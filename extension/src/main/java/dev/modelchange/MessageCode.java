package dev.modelchange;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API's own twin of {@code dev.modelchange.logging.MessageCode}: the API imports nothing of the library, so
 * its message catalogue ({@link ApiMessages}) marks its codes with this. Not for applications.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface MessageCode {
  int value();
}
