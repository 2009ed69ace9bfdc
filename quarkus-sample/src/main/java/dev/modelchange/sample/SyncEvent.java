package dev.modelchange.sample;

import java.time.Instant;

/** "Synchronisation of this resource completed", as pushed to the clients of {@code /resources/sync-events}. */
public record SyncEvent(String resourceId, String name, String syncStatus, Instant at) {}
