package dev.modelchange;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.spi.ResumeTokenStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Listens for model changes from code, for what starts at run time: a GraphQL subscription per client, a cache
 * per tenant. Inject it ({@code @Inject ModelChanges}, an {@code @ApplicationScoped} bean), or make one without
 * CDI with {@link #builder()}.
 *
 * <pre>{@code
 * Subscription s = modelChanges.listenForChanges(Book.class, (id, change) -> log(id + " was " + change.operationType()));
 * modelChanges.listenForInserts(Book.class, (id, book) -> ...);
 * s.unsubscribe();
 * }</pre>
 *
 * <p>Every {@code listenFor...} call returns once its stream's position is fixed: changes written after it
 * returns reach the listener. Listeners of one collection share one server cursor wherever their full-document
 * modes and pipelines agree; filters are evaluated in the process. A listener starts from "now" and keeps no
 * position, unless {@link ListenOptions.Builder#id(String)} names it durable.
 */
public interface ModelChanges extends AutoCloseable {

  /** Receives the changes of {@code model} that {@code options} describe. */
  <T> Subscription listenForChanges(Class<T> model, ListenOptions<T> options);

  /** Receives every change of {@code model}. */
  default <T> Subscription listenForChanges(Class<T> model, ChangeListener<T> listener) {
    return listenForChanges(model, ListenOptions.<T>builder().onChange(listener).build());
  }

  /** Receives each inserted document. */
  default <T> Subscription listenForInserts(Class<T> model, BiConsumer<String, T> listener) {
    Objects.requireNonNull(listener, "listener");
    return listenForChanges(model, ListenOptions.<T>builder().operationTypes(OperationType.INSERT)
        .onChange((id, change) -> listener.accept(id, change.fullDocument().orElse(null))).build());
  }

  /**
   * Receives updates and replaces; {@link ChangeEvent#updateDescription()} says what an update changed (a
   * replace has none).
   */
  default <T> Subscription listenForUpdates(Class<T> model, ChangeListener<T> listener) {
    return listenForChanges(model, ListenOptions.<T>builder()
        .operationTypes(OperationType.UPDATE, OperationType.REPLACE).onChange(listener).build());
  }

  /** Receives the id of each deleted document (deletes carry no document, so no filter applies). */
  default <T> Subscription listenForDeletes(Class<T> model, Consumer<String> listener) {
    Objects.requireNonNull(listener, "listener");
    return listenForChanges(model, ListenOptions.<T>builder().operationTypes(OperationType.DELETE)
        .onChange((id, change) -> listener.accept(id)).build());
  }

  /**
   * Every change stream running now, as an immutable snapshot each (state, counts, lag, last checkpoint,
   * asynchronous deliveries in flight). Reading it never blocks a stream.
   */
  List<StreamStatus> streams();

  /**
   * Stops every listener and stream, and closes what this instance created. The container closes the injected
   * bean itself; call this on instances made with {@link #builder()}.
   */
  @Override
  void close();

  /** Starts an instance without CDI. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ModelChanges} without CDI. */
  final class Builder {
    private final Map<String, String> config = new HashMap<>();
    private MongoClient client;
    private ResumeTokenStore store;
    private ThreadFactory threads;
    private CodecRegistry codecs;

    private Builder() {}

    /** The connection to reuse (not closed by {@link ModelChanges#close()}). */
    public Builder mongoClient(MongoClient value) {
      this.client = value;
      return this;
    }

    /** The connection string, when no client is given; the client made from it is closed with the instance. */
    public Builder uri(String value) {
      return config("modelchange.mongodb.uri", value);
    }

    /** The database of the models, when the URI names none. */
    public Builder database(String value) {
      return config("modelchange.mongodb.database", value);
    }

    /** Where durable listeners keep their position; default: as {@code modelchange.resume-token.store} says. */
    public Builder resumeTokenStore(ResumeTokenStore value) {
      this.store = value;
      return this;
    }

    /** Makes the streams' threads; default: daemon threads named {@code modelchange-<db>.<collection>}. */
    public Builder threadFactory(ThreadFactory value) {
      this.threads = value;
      return this;
    }

    /** Decodes documents into models; default: the client's registry plus automatic POJO codecs. */
    public Builder codecRegistry(CodecRegistry value) {
      this.codecs = value;
      return this;
    }

    /** A configuration value, by its {@code modelchange.*} key (see the README's table). */
    public Builder config(String key, String value) {
      config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Makes the instance.
     *
     * @throws InvalidSettingException naming every configuration key whose value is invalid
     */
    public ModelChanges build() {
      ModelChangesProvider provider = ServiceLoader.load(ModelChangesProvider.class,
          ModelChanges.class.getClassLoader()).findFirst().orElseThrow(ApiMessages::noProvider);
      return provider.create(Map.copyOf(config), client, store, threads, codecs);
    }
  }
}
