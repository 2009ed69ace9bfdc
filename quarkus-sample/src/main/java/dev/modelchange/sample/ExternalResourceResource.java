package dev.modelchange.sample;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.bson.types.ObjectId;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * External resources: create, change the sync status (as a background job would), delete; and
 * {@code GET /resources/sync-events}, the Server-Sent Events of completed synchronisations. Bodies are checked
 * (400 naming the field); an unknown id is a 404 naming it.
 */
@Path("/resources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExternalResourceResource {
  @Inject
  LibraryDatabase db;
  @Inject
  SyncNotifier notifier;

  @POST
  public Response create(@Valid @NotNull(message = "a JSON body is required") ResourceInput body) {
    ExternalResource resource = new ExternalResource(body.name(), body.syncStatus());
    resource.setId(new ObjectId().toHexString());
    db.resources().insertOne(resource);
    return Response.created(URI.create("/resources/" + resource.getId())).entity(resource).build();
  }

  @GET
  @Path("/{id}")
  public ExternalResource get(@PathParam("id") String id) {
    ExternalResource r = db.resources().find(Filters.eq("_id", LibraryDatabase.objectId("resource", id))).first();
    if (r == null) {
      throw new DocumentNotFoundException("resource", id);
    }
    return r;
  }

  /** Sets the sync status, e.g. {@code {"syncStatus": "completed"}}. */
  @PATCH
  @Path("/{id}")
  public ExternalResource setStatus(@PathParam("id") String id,
      @Valid @NotNull(message = "a JSON body is required") SyncStatusChange body) {
    if (db.resources().updateOne(Filters.eq("_id", LibraryDatabase.objectId("resource", id)),
        Updates.set("syncStatus", body.syncStatus())).getMatchedCount() == 0) {
      throw new DocumentNotFoundException("resource", id);
    }
    return get(id);
  }

  @DELETE
  @Path("/{id}")
  public void delete(@PathParam("id") String id) {
    if (db.resources().deleteOne(Filters.eq("_id", LibraryDatabase.objectId("resource", id)))
        .getDeletedCount() == 0) {
      throw new DocumentNotFoundException("resource", id);
    }
  }

  /** Each completed synchronisation, as a JSON {@link SyncEvent}, while the client stays connected. */
  @GET
  @Path("/sync-events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<SyncEvent> syncEvents() {
    return notifier.events();
  }
}
