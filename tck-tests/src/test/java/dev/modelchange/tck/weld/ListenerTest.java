package dev.modelchange.tck.weld;

import dev.modelchange.tck.listeners.AbstractListenerTest;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BackendExtension.class)
@EnableWeld
class ListenerTest extends AbstractListenerTest {
  @WeldSetup
  WeldInitiator weld = TckWeld.initiator();
}
