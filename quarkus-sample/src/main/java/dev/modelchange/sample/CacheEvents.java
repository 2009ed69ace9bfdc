package dev.modelchange.sample;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The book cache's reads and evictions as they happen, for whoever watches ({@code GET /books/cache-events}, the
 * live page). Reads happen on request threads and evictions on ModelChange's worker: publishing is serialised.
 */
@ApplicationScoped
public class CacheEvents {
  private final BroadcastProcessor<CacheEvent> events = BroadcastProcessor.create();

  synchronized void publish(CacheEvent event) {
    events.onNext(event);
  }

  /** The cache events from now on, while the subscriber stays. */
  public Multi<CacheEvent> events() {
    return events.onOverflow().buffer(1024);
  }
}
