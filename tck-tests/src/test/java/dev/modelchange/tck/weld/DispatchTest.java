package dev.modelchange.tck.weld;

import dev.modelchange.tck.dispatch.AbstractDispatchTest;
import dev.modelchange.tck.dispatch.DispatchObservers;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BackendExtension.class)
@EnableWeld
class DispatchTest extends AbstractDispatchTest {
  @WeldSetup
  WeldInitiator weld = TckWeld.initiator(DispatchObservers.class);
}
