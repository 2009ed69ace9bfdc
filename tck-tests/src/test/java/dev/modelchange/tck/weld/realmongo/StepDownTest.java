package dev.modelchange.tck.weld.realmongo;

import dev.modelchange.tck.realmongo.AbstractStepDownTest;
import dev.modelchange.tck.realmongo.TickObserver;
import dev.modelchange.tck.weld.BackendExtension;
import dev.modelchange.tck.weld.TckWeld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BackendExtension.class)
@EnableWeld
class StepDownTest extends AbstractStepDownTest {
  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(TckWeld.weld(TickObserver.class)).build();
}
