package dev.modelchange.sample;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Books: create, read (through the cache), update some fields (PATCH), replace (PUT), delete. The writes go
 * straight to MongoDB; what follows (cache eviction, GraphQL subscriptions) comes from its change stream.
 */
@Path("/books")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BookResource {
  @Inject
  LibraryDatabase db;
  @Inject
  BookCatalog catalog;

  @POST
  public Response create(Book book) {
    book.setId(new ObjectId().toHexString());
    db.books().insertOne(book);
    return Response.created(URI.create("/books/" + book.getId())).entity(book).build();
  }

  /** The book and when it was read from MongoDB: the same {@code loadedAt} twice means a cache hit. */
  @GET
  @Path("/{id}")
  public CachedBook get(@PathParam("id") String id) {
    return catalog.find(id);
  }

  /** Sets the fields given (title, author, userId, published). */
  @PATCH
  @Path("/{id}")
  public void update(@PathParam("id") String id, BookPatch patch) {
    List<Bson> updates = new ArrayList<>();
    if (patch.title() != null) {
      updates.add(Updates.set("title", patch.title()));
    }
    if (patch.author() != null) {
      updates.add(Updates.set("author", patch.author()));
    }
    if (patch.userId() != null) {
      updates.add(Updates.set("userId", patch.userId()));
    }
    if (patch.published() != null) {
      updates.add(Updates.set("published", patch.published()));
    }
    if (!updates.isEmpty()
        && db.books().updateOne(Filters.eq("_id", LibraryDatabase.objectId(id)), Updates.combine(updates)).getMatchedCount() == 0) {
      throw new NotFoundException("No book " + id);
    }
  }

  /** Replaces the whole book. */
  @PUT
  @Path("/{id}")
  public void replace(@PathParam("id") String id, Book book) {
    book.setId(id);
    if (db.books().replaceOne(Filters.eq("_id", LibraryDatabase.objectId(id)), book).getMatchedCount() == 0) {
      throw new NotFoundException("No book " + id);
    }
  }

  @DELETE
  @Path("/{id}")
  public void delete(@PathParam("id") String id) {
    if (db.books().deleteOne(Filters.eq("_id", LibraryDatabase.objectId(id))).getDeletedCount() == 0) {
      throw new NotFoundException("No book " + id);
    }
  }

  /** The fields of a PATCH; null: unchanged. */
  public record BookPatch(String title, String author, String userId, Boolean published) {}
}
