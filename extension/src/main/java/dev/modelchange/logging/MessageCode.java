package dev.modelchange.logging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a message catalogue (a {@code *Messages} class, one per package) with the stable code of the
 * one message it logs or builds. Each code is declared once in the whole library; {@code docs/messages.md} lists
 * every code with its meaning and its fix, and a test keeps both in step.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MessageCode {
  /** The number after {@code MODELCHANGE-}. */
  int value();
}
