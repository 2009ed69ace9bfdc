package dev.modelchange.benchmarks;

import dev.modelchange.cdi.ModelChangeRuntime;
import dev.modelchange.engine.ChangeStreamEngine;
import java.lang.reflect.Field;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.proxy.WeldClientProxy;

/** Reaches the engine that a Weld container started (by reflection: the runtime keeps it private). */
public final class Engines {
  private Engines() {}

  public static ChangeStreamEngine of(WeldContainer weld) {
    Object bean = weld.select(ModelChangeRuntime.class).get();
    Object runtime = bean instanceof WeldClientProxy
        ? ((WeldClientProxy) bean).getMetadata().getContextualInstance() : bean;
    try {
      Field f = ModelChangeRuntime.class.getDeclaredField("engine");
      f.setAccessible(true);
      ChangeStreamEngine engine = (ChangeStreamEngine) f.get(runtime);
      if (engine == null) {
        throw new IllegalStateException("the container did not start ModelChange");
      }
      return engine;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach ModelChangeRuntime.engine (the runtime changed)", e);
    }
  }
}
