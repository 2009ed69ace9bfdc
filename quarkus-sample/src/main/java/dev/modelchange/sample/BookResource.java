package dev.modelchange.sample;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Books: list a user's, create, read (through the cache), update some fields (PATCH), replace (PUT), delete.
 * Bodies are checked (400 naming the field, see {@link ApiErrorMappers}); an unknown id is a 404 naming it.
 *
 * <p>The writes go straight to MongoDB and then evict the book from the cache, so that the next read sees them
 * (read-your-writes); the GraphQL subscriptions, and the eviction of writes made elsewhere, come from MongoDB's
 * change stream.
 */
@Path("/books")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BookResource {
  @Inject
  LibraryDatabase db;
  @Inject
  BookCatalog catalog;
  @Inject
  CacheEvents cacheEvents;

  /** The books of a user, oldest first, from MongoDB (not cached). */
  @GET
  public List<Book> list(@QueryParam("userId") @NotBlank String userId) {
    return db.books().find(Filters.eq("userId", userId)).sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  @POST
  public Response create(@Valid @NotNull(message = "a JSON body is required") BookInput body) {
    Book book = body.toBook();
    book.setId(new ObjectId().toHexString());
    book.setUpdatedAt(now());
    db.books().insertOne(book);
    return Response.created(URI.create("/books/" + book.getId())).entity(book).build();
  }

  /** The book, when it was read from MongoDB, and whether the cache served it ({@code "cache": "hit"}). */
  @GET
  @Path("/{id}")
  public BookRead get(@PathParam("id") String id) {
    return catalog.read(id);
  }

  /** Sets the fields given (title, author, userId, published); at least one. */
  @PATCH
  @Path("/{id}")
  public void update(@PathParam("id") String id,
      @Valid @NotNull(message = "a JSON body is required") BookPatch body) {
    body.requireSomeField();
    List<Bson> updates = new ArrayList<>();
    if (body.title() != null) {
      updates.add(Updates.set("title", body.title()));
    }
    if (body.author() != null) {
      updates.add(Updates.set("author", body.author()));
    }
    if (body.userId() != null) {
      updates.add(Updates.set("userId", body.userId()));
    }
    if (body.published() != null) {
      updates.add(Updates.set("published", body.published()));
    }
    updates.add(Updates.set("updatedAt", now()));
    if (db.books().updateOne(byId(id), Updates.combine(updates)).getMatchedCount() == 0) {
      throw new DocumentNotFoundException("book", id);
    }
    catalog.evict(id, "written by this application (PATCH)");
  }

  /** Replaces the whole book. */
  @PUT
  @Path("/{id}")
  public void replace(@PathParam("id") String id,
      @Valid @NotNull(message = "a JSON body is required") BookInput body) {
    Book book = body.toBook();
    book.setId(id);
    book.setUpdatedAt(now());
    if (db.books().replaceOne(byId(id), book).getMatchedCount() == 0) {
      throw new DocumentNotFoundException("book", id);
    }
    catalog.evict(id, "written by this application (PUT)");
  }

  @DELETE
  @Path("/{id}")
  public void delete(@PathParam("id") String id) {
    if (db.books().deleteOne(byId(id)).getDeletedCount() == 0) {
      throw new DocumentNotFoundException("book", id);
    }
    catalog.evict(id, "written by this application (DELETE)");
  }

  /** The cache's reads (hit or miss) and evictions, as Server-Sent Events of JSON {@link CacheEvent}s. */
  @GET
  @Path("/cache-events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<CacheEvent> cacheEvents() {
    return cacheEvents.events();
  }

  private static Bson byId(String id) {
    return Filters.eq("_id", LibraryDatabase.objectId("book", id));
  }

  /** Now, to the millisecond that MongoDB stores, so that a book read back equals the one written. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
