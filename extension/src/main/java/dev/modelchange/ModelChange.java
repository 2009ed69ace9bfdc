package dev.modelchange;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Objects;

/**
 * Qualifies a {@link ChangeEvent} observer with the model whose changes it receives.
 *
 * <pre>{@code
 * void onBook(@Observes @ModelChange(Book.class) ChangeEvent<Book> change) { ... }
 * void onPublished(@ObservesAsync @ModelChange(value = Book.class, operations = OperationType.INSERT,
 *     filter = "{\"published\": true}") ChangeEvent<Book> change) { ... }
 * }</pre>
 *
 * <p>Only {@link #value()} takes part in CDI's resolution. {@link #operations()}, {@link #filter()} and
 * {@link #fullDocument()} are matched by ModelChange itself, so an observer receives exactly the events its
 * qualifier describes.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({PARAMETER, FIELD, METHOD, TYPE})
public @interface ModelChange {

  /** The model class; its collection is found as {@link CollectionName} describes. */
  Class<?> value();

  /** The operations delivered; empty (the default) means all of them. */
  @Nonbinding
  OperationType[] operations() default {};

  /**
   * A MongoDB query on the document's own fields, as extended JSON (for example {@code {"published": true}}),
   * evaluated against the event's full document. An event without a full document (a delete, or an update
   * whose document was deleted before it could be looked up) does not match a non-empty filter. Updates are
   * looked up ({@link FullDocument#UPDATE_LOOKUP}) for observers with a filter, so that they can match.
   */
  @Nonbinding
  String filter() default "";

  /** Which full document the events carry for updates, as the driver's {@code watch().fullDocument(...)}. */
  @Nonbinding
  FullDocument fullDocument() default FullDocument.DEFAULT;

  /**
   * Which instances of the application receive each change: every one ({@link Delivery#EACH_INSTANCE}, the
   * default), or exactly one of the group ({@link Delivery#ONE_INSTANCE}, behind a lease in the resume-token store).
   */
  @Nonbinding
  Delivery delivery() default Delivery.EACH_INSTANCE;

  /** Builds {@link ModelChange} instances, for programmatic lookups and firing. */
  final class Literal extends AnnotationLiteral<ModelChange> implements ModelChange {
    private static final long serialVersionUID = 1L;
    private static final OperationType[] ALL = {};

    private final Class<?> value;
    private final OperationType[] operations;
    private final String filter;
    private final FullDocument fullDocument;
    private final Delivery delivery;

    private Literal(Class<?> value, OperationType[] operations, String filter, FullDocument fullDocument,
        Delivery delivery) {
      this.value = Objects.requireNonNull(value, "value");
      this.operations = operations.clone();
      this.filter = Objects.requireNonNull(filter, "filter");
      this.fullDocument = Objects.requireNonNull(fullDocument, "fullDocument");
      this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /** A qualifier for every change of {@code model}. */
    public static Literal of(Class<?> model) {
      return new Literal(model, ALL, "", FullDocument.DEFAULT, Delivery.EACH_INSTANCE);
    }

    /** A qualifier with every member but the delivery given. */
    public static Literal of(
        Class<?> model, OperationType[] operations, String filter, FullDocument fullDocument) {
      return new Literal(model, operations, filter, fullDocument, Delivery.EACH_INSTANCE);
    }

    /** A qualifier with every member given. */
    public static Literal of(Class<?> model, OperationType[] operations, String filter, FullDocument fullDocument,
        Delivery delivery) {
      return new Literal(model, operations, filter, fullDocument, delivery);
    }

    @Override
    public Class<?> value() {
      return value;
    }

    @Override
    public OperationType[] operations() {
      return operations.clone();
    }

    @Override
    public String filter() {
      return filter;
    }

    @Override
    public FullDocument fullDocument() {
      return fullDocument;
    }

    @Override
    public Delivery delivery() {
      return delivery;
    }

    @Override
    public String toString() {
      return "@ModelChange(value=" + value.getName() + ", operations=" + Arrays.toString(operations)
          + ", filter=\"" + filter + "\", fullDocument=" + fullDocument + ")";
    }
  }
}
