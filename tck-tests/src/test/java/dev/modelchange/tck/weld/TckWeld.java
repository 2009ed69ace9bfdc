package dev.modelchange.tck.weld;

import dev.modelchange.cdi.ModelChangeExtension;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.WeldInitiator;

/** A Weld SE container with ModelChange's extension (weld-junit5 does not load services files) and the beans. */
public final class TckWeld {
  private TckWeld() {}

  public static Weld weld(Class<?>... beans) {
    List<Class<?>> all = new ArrayList<>(List.of(beans));
    all.add(TckClientProducer.class);
    return new Weld().disableDiscovery().addExtension(new ModelChangeExtension())
        .addBeanClasses(all.toArray(Class<?>[]::new));
  }

  static WeldInitiator initiator(Class<?>... beans) {
    return WeldInitiator.from(weld(beans)).build();
  }
}
