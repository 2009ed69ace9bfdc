package dev.modelchange.sample;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Use case 3, background-sync notification: a background job (any process writing to MongoDB) sets a resource's
 * {@code syncStatus} to {@code completed}; this observer, whose filter MongoDB's change is matched against,
 * broadcasts it to every connected Server-Sent-Events client. The filter needs the document of an update, so
 * ModelChange looks it up ({@code updateLookup}) for this observer by itself. A looked-up document is the document
 * as it is when the change is read, not as the update left it: two quick updates ({@code running}, then
 * {@code completed}) can both match.
 */
@ApplicationScoped
public class SyncNotifier {
  private static final Logger LOG = Logger.getLogger(SyncNotifier.class);

  private final BroadcastProcessor<SyncEvent> events = BroadcastProcessor.create();
  private final AtomicInteger clients = new AtomicInteger();

  void onSyncCompleted(@Observes @ModelChange(value = ExternalResource.class,
      filter = "{\"syncStatus\": \"completed\"}") ChangeEvent<ExternalResource> change) {
    ExternalResource resource = change.fullDocument().orElseThrow();
    LOG.infof("Sync of %s completed (%s): notifying %d SSE clients", resource.getName(),
        change.operationType().getValue(), clients.get());
    events.onNext(new SyncEvent(resource.getId() != null ? resource.getId() : change.id(), resource.getName(),
        resource.getSyncStatus(), Instant.now()));
  }

  /** The notifications from now on; each subscriber gets those that happen while it is subscribed. */
  public Multi<SyncEvent> events() {
    return events
        // a hot stream: what a client has not asked for yet waits for it, up to a point
        .onOverflow().buffer(1024)
        .onSubscription().invoke(clients::incrementAndGet)
        .onTermination().invoke(clients::decrementAndGet);
  }

  /** How many clients are listening. */
  public int clients() {
    return clients.get();
  }
}
