package dev.modelchange.sample.tck;

import dev.modelchange.tck.matching.AbstractMatchingTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The TCK's matching contract (operations, filter, full-document mode) on Quarkus. */
@QuarkusTest
@TestProfile(TckProfile.class)
@WithTestResource(TckBackendResource.class)
class QuarkusMatchingTest extends AbstractMatchingTest {}
