package dev.modelchange.engine;

import dev.modelchange.Delivery;
import dev.modelchange.filter.DocumentFilter;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInvalidOperationException;
import org.bson.json.JsonParseException;

/**
 * An observer method of {@code ChangeEvent}, as discovery found it: immutable, and the same whether the portable
 * or the build-compatible extension made it. The engine routes each change to the descriptors it matches and
 * asks an {@link ObserverInvoker} to notify them.
 */
public final class ObserverDescriptor {
  private final String route;
  private final String method;
  private final Class<?> modelType;
  private final Set<OperationType> operations;
  private final String filterJson;
  private final DocumentFilter filter;
  private final FullDocument fullDocument;
  private final boolean async;
  private final int priority;
  private final Delivery delivery;

  private ObserverDescriptor(
      String route, String method, Class<?> modelType, Set<OperationType> operations, String filterJson,
      DocumentFilter filter, FullDocument fullDocument, boolean async, int priority, Delivery delivery) {
    this.delivery = delivery;
    this.route = route;
    this.method = method;
    this.modelType = modelType;
    this.operations = operations;
    this.filterJson = filterJson;
    this.filter = filter;
    this.fullDocument = fullDocument;
    this.async = async;
    this.priority = priority;
  }

  /**
   * Describes an observer whose qualifier has been checked ({@link #whyNotJson}, {@link #whyNotEvaluable},
   * {@link ModelNamespaces#whyNotMappable}): the CDI extensions report what is wrong with an observer before they
   * describe it.
   *
   * @param route the observer's unique routing name, which the invoker uses to reach exactly this observer
   * @param method the observer for messages, e.g. {@code com.acme.BookCache.onBook(ChangeEvent)}
   * @param operations the operations it receives; empty for all
   * @param filterJson the filter as extended JSON; empty for none
   * @throws IllegalArgumentException when the filter is not JSON or cannot be evaluated
   */
  public static ObserverDescriptor of(
      String route, String method, Class<?> modelType, List<OperationType> operations, String filterJson,
      FullDocument fullDocument, boolean async, int priority) {
    return of(route, method, modelType, operations, filterJson, fullDocument, async, priority,
        Delivery.EACH_INSTANCE);
  }

  /** {@link #of(String, String, Class, List, String, FullDocument, boolean, int)}, with the observer's delivery. */
  public static ObserverDescriptor of(
      String route, String method, Class<?> modelType, List<OperationType> operations, String filterJson,
      FullDocument fullDocument, boolean async, int priority, Delivery delivery) {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(modelType, "modelType");
    DocumentFilter filter;
    try {
      filter = DocumentFilter.parse(parse(filterJson));
    } catch (JsonParseException | BsonInvalidOperationException e) {
      throw new IllegalArgumentException("The filter of " + method + " is not JSON: " + e.getMessage(), e);
    }
    Set<OperationType> ops = operations.isEmpty()
        ? EnumSet.allOf(OperationType.class)
        : EnumSet.copyOf(operations);
    return new ObserverDescriptor(route, method, modelType, Collections.unmodifiableSet(ops),
        filterJson == null ? "" : filterJson, filter, Objects.requireNonNull(fullDocument, "fullDocument"),
        async, priority, Objects.requireNonNull(delivery, "delivery"));
  }

  /** Why an observer's filter is not JSON, in the parser's words; empty when it is JSON or blank. */
  public static Optional<String> whyNotJson(String filterJson) {
    try {
      parse(filterJson);
      return Optional.empty();
    } catch (JsonParseException | BsonInvalidOperationException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Why the engine cannot evaluate an observer's filter that is JSON, naming the operator or construct; empty when
   * it can.
   */
  public static Optional<String> whyNotEvaluable(String filterJson) {
    try {
      DocumentFilter.parse(parse(filterJson));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The filter as a query; null for none. */
  private static BsonDocument parse(String filterJson) {
    return filterJson == null || filterJson.isBlank() ? null : BsonDocument.parse(filterJson);
  }

  /** The routing name that reaches exactly this observer. */
  public String route() {
    return route;
  }

  /** The observer method, for messages. */
  public String method() {
    return method;
  }

  public Class<?> modelType() {
    return modelType;
  }

  public Set<OperationType> operations() {
    return operations;
  }

  public String filterJson() {
    return filterJson;
  }

  /** Which instances receive the changes ({@code @ModelChange(delivery = ...)}). */
  Delivery delivery() {
    return delivery;
  }

  DocumentFilter filter() {
    return filter;
  }

  /** The full-document mode as declared. */
  public FullDocument fullDocument() {
    return fullDocument;
  }

  /**
   * The mode of the stream that serves this observer: a filter needs the document of updates too, so an
   * observer with a filter and the default mode is served by an {@code updateLookup} stream.
   */
  FullDocument streamFullDocument() {
    return fullDocument == FullDocument.DEFAULT && !filter.isEmpty() ? FullDocument.UPDATE_LOOKUP : fullDocument;
  }

  public boolean async() {
    return async;
  }

  public int priority() {
    return priority;
  }

  @Override
  public String toString() {
    return method + (async ? " (async)" : "") + " for " + modelType.getSimpleName()
        + (operations.size() == OperationType.values().length ? "" : " " + operations)
        + (filterJson.isEmpty() ? "" : " filter " + filterJson)
        + (fullDocument == FullDocument.DEFAULT ? "" : " fullDocument " + fullDocument.getValue());
  }
}
