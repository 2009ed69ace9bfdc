package dev.modelchange.sample.tck;

import dev.modelchange.tck.dispatch.AbstractDispatchTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The TCK's dispatch contract (priorities, async observers, failures) on Quarkus. */
@QuarkusTest
@TestProfile(TckProfile.class)
@WithTestResource(TckBackendResource.class)
class QuarkusDispatchTest extends AbstractDispatchTest {}
