package dev.modelchange.tck.weld;

import dev.modelchange.tck.delivery.AbstractDeliveryTest;
import dev.modelchange.tck.delivery.DeliveryObservers;
import dev.modelchange.tck.delivery.SecondBookObserver;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BackendExtension.class)
@EnableWeld
class DeliveryTest extends AbstractDeliveryTest {
  @WeldSetup
  WeldInitiator weld = TckWeld.initiator(DeliveryObservers.class, SecondBookObserver.class);
}
