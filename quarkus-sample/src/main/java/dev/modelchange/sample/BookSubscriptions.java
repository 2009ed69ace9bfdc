package dev.modelchange.sample;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.FullDocument;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jboss.logging.Logger;

/**
 * Use case 1, live updates: the GraphQL subscription {@code bookChanged(userId)} streams the changes of one user's
 * books, over WebSocket ({@code /graphql}, protocol {@code graphql-transport-ws}). Each subscription is one
 * programmatic ModelChange listener, created when the client subscribes and unsubscribed when it goes; listeners
 * of the same stream shape share one MongoDB cursor, and each filters in the process.
 *
 * <p>The userId filter is evaluated against the event's full document. Inserts and replaces carry one; for
 * updates the listener asks for it ({@code FullDocument.UPDATE_LOOKUP}). Deletes carry no document (only its
 * {@code _id}), so a filter on userId cannot match them and subscribers are not told of deletions; a client that
 * must know would listen for deletes of the ids it shows ({@code listenForDeletes}).
 */
@GraphQLApi
@ApplicationScoped
public class BookSubscriptions {
  private static final Logger LOG = Logger.getLogger(BookSubscriptions.class);

  @Inject
  ModelChanges modelChanges;
  @Inject
  BookCatalog catalog;

  private final AtomicInteger active = new AtomicInteger();

  /** Changes of the books of {@code userId}, from now on. */
  @io.smallrye.graphql.api.Subscription
  @Description("The changes (insert, update, replace) of the books of a user, from now on; deletions are not "
      + "included, since a deleted document cannot be matched against userId")
  public Multi<BookChange> bookChanged(@NonNull String userId) {
    return Multi.createFrom().<BookChange>emitter(emitter -> {
      Subscription listener = modelChanges.listenForChanges(Book.class, ListenOptions.<Book>builder()
          .filter(Filters.eq("userId", userId))
          .fullDocument(FullDocument.UPDATE_LOOKUP)
          .onChange((id, change) -> emitter.emit(BookChange.of(change)))
          .onError(error -> LOG.warnf(error, "Book changes for user %s: %s", userId, error.getMessage()))
          .build());
      active.incrementAndGet();
      LOG.infof("GraphQL subscriber for the books of %s: listening", userId);
      emitter.onTermination(() -> {
        listener.unsubscribe();
        active.decrementAndGet();
        LOG.infof("GraphQL subscriber for the books of %s: gone, unsubscribed", userId);
      });
    })
        // listenForChanges waits until the stream's position is fixed: not on the event loop
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** A book, through the cache. */
  @Query("book")
  public Book book(@NonNull String id) {
    return catalog.read(id).book();
  }

  /** How many subscriptions are listening, for tests and curious operators. */
  public int activeSubscriptions() {
    return active.get();
  }
}
