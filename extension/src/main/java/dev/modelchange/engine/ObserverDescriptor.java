package dev.modelchange.engine;

import dev.modelchange.filter.DocumentFilter;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.BsonDocument;
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

  private ObserverDescriptor(
      String route, String method, Class<?> modelType, Set<OperationType> operations, String filterJson,
      DocumentFilter filter, FullDocument fullDocument, boolean async, int priority) {
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
   * Describes an observer, checking its qualifier's members.
   *
   * @param route the observer's unique routing name, which the invoker uses to reach exactly this observer
   * @param method the observer for messages, e.g. {@code com.acme.BookCache.onBook(ChangeEvent)}
   * @param operations the operations it receives; empty for all
   * @param filterJson the filter as extended JSON; empty for none
   * @throws IllegalArgumentException with a {@code MODELCHANGE-0xx} message when the filter is not valid JSON
   *     or uses an unsupported operator, or the model cannot be mapped
   */
  public static ObserverDescriptor of(
      String route, String method, Class<?> modelType, List<OperationType> operations, String filterJson,
      FullDocument fullDocument, boolean async, int priority) {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(modelType, "modelType");
    ModelNamespaces.whyNotMappable(modelType).ifPresent(why -> {
      throw new IllegalArgumentException("MODELCHANGE-013 Observer " + method + " observes a model that cannot "
          + "be mapped to a collection: " + why + ". Observe a POJO or record class.");
    });
    DocumentFilter filter;
    if (filterJson == null || filterJson.isBlank()) {
      filter = DocumentFilter.matchAll();
    } else {
      BsonDocument query;
      try {
        query = BsonDocument.parse(filterJson);
      } catch (JsonParseException | org.bson.BsonInvalidOperationException e) {
        throw new IllegalArgumentException("MODELCHANGE-012 Observer " + method + " declares filter \""
            + filterJson + "\" which is not valid JSON: " + e.getMessage()
            + ". Write the filter as a MongoDB query in extended JSON, e.g. {\"published\": true}.", e);
      }
      try {
        filter = DocumentFilter.parse(query);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("MODELCHANGE-014 Observer " + method + " declares filter \""
            + filterJson + "\" which ModelChange cannot evaluate: " + e.getMessage(), e);
      }
    }
    Set<OperationType> ops = operations.isEmpty()
        ? EnumSet.allOf(OperationType.class)
        : EnumSet.copyOf(operations);
    return new ObserverDescriptor(route, method, modelType, Collections.unmodifiableSet(ops),
        filterJson == null ? "" : filterJson, filter, Objects.requireNonNull(fullDocument, "fullDocument"),
        async, priority);
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

  /** Which instances receive the changes; until observers declare it, every one. */
  dev.modelchange.Delivery delivery() {
    return dev.modelchange.Delivery.EACH_INSTANCE;
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
