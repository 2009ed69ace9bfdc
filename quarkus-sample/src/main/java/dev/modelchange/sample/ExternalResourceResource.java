package dev.modelchange.sample;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
 * {@code GET /resources/sync-events}, the Server-Sent Events of completed synchronisations.
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
  public Response create(ExternalResource resource) {
    resource.setId(new ObjectId().toHexString());
    db.resources().insertOne(resource);
    return Response.created(URI.create("/resources/" + resource.getId())).entity(resource).build();
  }

  @GET
  @Path("/{id}")
  public ExternalResource get(@PathParam("id") String id) {
    ExternalResource r = db.resources().find(Filters.eq("_id", LibraryDatabase.objectId(id))).first();
    if (r == null) {
      throw new NotFoundException("No resource " + id);
    }
    return r;
  }

  /** Sets the sync status, e.g. {@code {"syncStatus": "completed"}}. */
  @PATCH
  @Path("/{id}")
  public ExternalResource setStatus(@PathParam("id") String id, ExternalResource change) {
    if (db.resources().updateOne(Filters.eq("_id", LibraryDatabase.objectId(id)), Updates.set("syncStatus",
        change.getSyncStatus())).getMatchedCount() == 0) {
      throw new NotFoundException("No resource " + id);
    }
    return get(id);
  }

  @DELETE
  @Path("/{id}")
  public void delete(@PathParam("id") String id) {
    if (db.resources().deleteOne(Filters.eq("_id", LibraryDatabase.objectId(id))).getDeletedCount() == 0) {
      throw new NotFoundException("No resource " + id);
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
