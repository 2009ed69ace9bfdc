package dev.modelchange.sample.tck;

import dev.modelchange.tck.listeners.AbstractListenerTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The TCK's programmatic-API contract (listeners, shared cursors, unsubscribe) on Quarkus. */
@QuarkusTest
@TestProfile(TckProfile.class)
@WithTestResource(TckBackendResource.class)
class QuarkusListenerTest extends AbstractListenerTest {}
