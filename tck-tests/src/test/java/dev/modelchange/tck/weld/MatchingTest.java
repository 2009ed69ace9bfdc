package dev.modelchange.tck.weld;

import dev.modelchange.tck.matching.AbstractMatchingTest;
import dev.modelchange.tck.matching.MatchingObservers;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BackendExtension.class)
@EnableWeld
class MatchingTest extends AbstractMatchingTest {
  @WeldSetup
  WeldInitiator weld = TckWeld.initiator(MatchingObservers.class);
}
