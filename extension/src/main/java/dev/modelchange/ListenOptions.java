package dev.modelchange;

import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import com.mongodb.client.model.changestream.OperationType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.conversions.Bson;

/**
 * What a programmatic listener receives and how: immutable, made with {@link #builder()}.
 *
 * <pre>{@code
 * ListenOptions.<Book>builder()
 *     .filter(Filters.eq("userId", currentUserId))
 *     .operationTypes(OperationType.INSERT, OperationType.UPDATE)
 *     .fullDocument(FullDocument.UPDATE_LOOKUP)
 *     .onChange((id, change) -> publish(id, change))
 *     .onError(error -> log(error))
 *     .build();
 * }</pre>
 *
 * <p>{@code filter} is a query on the document's own fields, evaluated in the process against the event's full
 * document, so listeners with different filters share one server cursor. An event without a full document (a
 * delete, unless pre-images are requested) cannot match a filter. {@code pipeline} stages are sent to the server
 * as given, after ModelChange's own stages; listeners with different pipelines use different cursors.
 *
 * @param <T> the model class
 */
public final class ListenOptions<T> {
  private final Bson filter;
  private final Set<OperationType> operationTypes;
  private final FullDocument fullDocument;
  private final FullDocumentBeforeChange fullDocumentBeforeChange;
  private final List<Bson> pipeline;
  private final ChangeListener<T> onChange;
  private final Consumer<Throwable> onError;
  private final String id;
  private final Delivery delivery;

  private ListenOptions(Builder<T> b) {
    this.filter = b.filter;
    this.operationTypes = Collections.unmodifiableSet(EnumSet.copyOf(b.operationTypes));
    this.fullDocument = b.fullDocument;
    this.fullDocumentBeforeChange = b.fullDocumentBeforeChange;
    this.delivery = b.delivery;
    this.pipeline = List.copyOf(b.pipeline);
    this.onChange = b.onChange;
    this.onError = b.onError;
    this.id = b.id;
  }

  /** Starts the options of a listener. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** The query on the document's fields; empty: every document. */
  public Optional<Bson> filter() {
    return Optional.ofNullable(filter);
  }

  /** The operations delivered; all of them unless restricted. */
  public Set<OperationType> operationTypes() {
    return operationTypes;
  }

  /** The full-document mode of the stream. */
  public FullDocument fullDocument() {
    return fullDocument;
  }

  /** The pre-image mode of the stream (MongoDB 6.0+). */
  public FullDocumentBeforeChange fullDocumentBeforeChange() {
    return fullDocumentBeforeChange;
  }

  /** Extra server-side stages. */
  public List<Bson> pipeline() {
    return pipeline;
  }

  /** The listener. */
  public ChangeListener<T> onChange() {
    return onChange;
  }

  /** Receives stream errors, gaps ({@link ChangeStreamGap.GapException}) and exceptions of {@link #onChange()}. */
  public Optional<Consumer<Throwable>> onError() {
    return Optional.ofNullable(onError);
  }

  /** A durable identity: with one, the listener's position is stored and resumed like an observer's. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** Which instances of the application receive each change; {@link Delivery#EACH_INSTANCE} by default. */
  public Delivery delivery() {
    return delivery;
  }

  /**
   * Builds {@link ListenOptions}; {@link #build()} rejects missing or contradictory options with an
   * {@link IllegalArgumentException} naming the option.
   *
   * @param <T> the model class
   */
  public static final class Builder<T> {
    private Bson filter;
    private Set<OperationType> operationTypes = EnumSet.allOf(OperationType.class);
    private boolean operationTypesGiven;
    private FullDocument fullDocument = FullDocument.DEFAULT;
    private FullDocumentBeforeChange fullDocumentBeforeChange = FullDocumentBeforeChange.DEFAULT;
    private List<Bson> pipeline = List.of();
    private ChangeListener<T> onChange;
    private Consumer<Throwable> onError;
    private String id;
    private Delivery delivery = Delivery.EACH_INSTANCE;

    private Builder() {}

    /** A query on the document's fields, e.g. {@code Filters.eq("userId", id)}. */
    public Builder<T> filter(Bson value) {
      this.filter = value;
      return this;
    }

    /** Restricts delivery to these operations; at least one. */
    public Builder<T> operationTypes(OperationType... values) {
      Objects.requireNonNull(values, "operationTypes");
      this.operationTypes = values.length == 0 ? EnumSet.noneOf(OperationType.class) : EnumSet.copyOf(List.of(values));
      this.operationTypesGiven = true;
      return this;
    }

    /** The full-document mode, e.g. {@link FullDocument#UPDATE_LOOKUP}. */
    public Builder<T> fullDocument(FullDocument value) {
      this.fullDocument = Objects.requireNonNull(value, "fullDocument");
      return this;
    }

    /** The pre-image mode (MongoDB 6.0+, collection created with {@code changeStreamPreAndPostImages}). */
    public Builder<T> fullDocumentBeforeChange(FullDocumentBeforeChange value) {
      this.fullDocumentBeforeChange = Objects.requireNonNull(value, "fullDocumentBeforeChange");
      return this;
    }

    /** Server-side stages appended to the change stream's pipeline. */
    public Builder<T> pipeline(List<? extends Bson> value) {
      this.pipeline = List.copyOf(Objects.requireNonNull(value, "pipeline"));
      return this;
    }

    /** The listener; required. */
    public Builder<T> onChange(ChangeListener<T> value) {
      this.onChange = value;
      return this;
    }

    /** Receives errors; without it they are logged. */
    public Builder<T> onError(Consumer<Throwable> value) {
      this.onError = value;
      return this;
    }

    /** A durable identity, unique per model: the listener's position is stored and resumed. */
    public Builder<T> id(String value) {
      this.id = value;
      return this;
    }

    /**
     * Which instances of the application receive each change. {@link Delivery#ONE_INSTANCE} needs a durable
     * {@link #id(String)}: the instances share that listener's position behind a lease.
     */
    public Builder<T> delivery(Delivery value) {
      this.delivery = Objects.requireNonNull(value, "delivery");
      return this;
    }

    /** Checks the options and builds them. */
    public ListenOptions<T> build() {
      if (onChange == null) {
        throw ApiMessages.onChangeMissing();
      }
      if (operationTypesGiven && operationTypes.isEmpty()) {
        throw ApiMessages.noOperationTypes();
      }
      if (id != null && id.isBlank()) {
        throw ApiMessages.blankId();
      }
      if (delivery == Delivery.ONE_INSTANCE && id == null) {
        throw ApiMessages.oneInstanceWithoutId();
      }
      if (pipeline.stream().anyMatch(Objects::isNull)) {
        throw ApiMessages.nullStage();
      }
      return new ListenOptions<>(this);
    }
  }
}
