package dev.modelchange.tck.weld.realmongo;

import dev.modelchange.tck.realmongo.AbstractLargeEventTest;
import dev.modelchange.tck.realmongo.GapObserver;
import dev.modelchange.tck.weld.BackendExtension;
import dev.modelchange.tck.weld.TckWeld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BackendExtension.class)
@EnableWeld
class LargeEventTest extends AbstractLargeEventTest {
  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(TckWeld.weld(GapObserver.class)).build();
}
