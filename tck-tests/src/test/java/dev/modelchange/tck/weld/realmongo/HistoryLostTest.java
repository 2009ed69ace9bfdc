package dev.modelchange.tck.weld.realmongo;

import dev.modelchange.tck.realmongo.AbstractHistoryLostTest;
import dev.modelchange.tck.realmongo.ExpiringTokenStore;
import dev.modelchange.tck.realmongo.GapObserver;
import dev.modelchange.tck.weld.BackendExtension;
import dev.modelchange.tck.weld.TckWeld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BackendExtension.class)
@EnableWeld
class HistoryLostTest extends AbstractHistoryLostTest {
  /** The expiring store is an alternative: selected here, for this class only. */
  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(TckWeld.weld(GapObserver.class, ExpiringTokenStore.class)
      .alternatives(ExpiringTokenStore.class)).build();
}
