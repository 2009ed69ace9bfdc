package dev.modelchange;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Names the collection of a model class.
 *
 * <p>Without it, a model maps to the plural of its kebab-cased simple name (the Esix convention):
 * {@code Book} to {@code books}, {@code BlogPost} to {@code blog-posts}, {@code Category} to {@code categories} (by evo-inflector, which
 * says {@code persons} for {@code Person} where Esix's JavaScript inflector says {@code people}).
 * The configuration keys {@code modelchange.model."<class name>".collection} and {@code .database} override
 * both.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
public @interface CollectionName {
  /** The collection's name. */
  String value();
}
