package dev.modelchange.cdi;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.engine.ObserverDescriptor;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The portable extension (Weld, Open Liberty): collects every {@code ChangeEvent} observer as an immutable
 * {@link ObserverDescriptor}, reports broken ones as definition errors, and hands the descriptors to
 * {@link ModelChangeRuntime} through the synthetic bean {@link DiscoveredObservers}. Opens no connection and
 * reads no configuration: the runtime does, when the application starts.
 */
public class ModelChangeExtension implements Extension {
  private final List<ObserverDescriptor> observers = new ArrayList<>();

  void addRuntime(@jakarta.enterprise.event.Observes BeforeBeanDiscovery bbd, BeanManager bm) {
    bbd.addAnnotatedType(bm.createAnnotatedType(ModelChangeRuntime.class), ModelChangeRuntime.class.getName());
    dev.modelchange.health.HealthRegistration.register(bbd, bm); // only with MicroProfile Health
    dev.modelchange.metrics.MetricsRegistration.register(bbd, bm); // only with Micrometer
  }

  <T, X> void collect(@jakarta.enterprise.event.Observes ProcessObserverMethod<T, X> pom) {
    ObserverMethod<T> om = pom.getObserverMethod();
    Type observed = om.getObservedType();
    Class<?> raw = observed instanceof ParameterizedType
        ? (Class<?>) ((ParameterizedType) observed).getRawType()
        : observed instanceof Class ? (Class<?>) observed : null;
    if (raw != ChangeEvent.class) {
      return;
    }
    AnnotatedMethod<X> method = pom.getAnnotatedMethod();
    List<String> parameterTypes = new ArrayList<>();
    List<String> simpleTypes = new ArrayList<>();
    for (Class<?> p : method.getJavaMember().getParameterTypes()) {
      parameterTypes.add(p.getName());
      simpleTypes.add(p.getSimpleName());
    }
    String beanClass = om.getBeanClass().getName();
    String name = method.getJavaMember().getName();
    String route = ObserverMethods.route(beanClass, name, parameterTypes);
    ModelChange qualifier = null;
    for (Annotation a : om.getObservedQualifiers()) {
      if (a instanceof ModelChange) {
        qualifier = (ModelChange) a;
      }
    }
    try {
      observers.add(ObserverMethods.descriptor(route, ObserverMethods.describe(beanClass, name, simpleTypes),
          observed, qualifier, om.isAsync(), om.getPriority()));
      pom.configureObserverMethod().addQualifier(ObserverRoute.Literal.of(route));
    } catch (IllegalArgumentException e) {
      pom.addDefinitionError(new DefinitionException(e.getMessage(), e.getCause()));
    }
  }

  void register(@jakarta.enterprise.event.Observes AfterBeanDiscovery abd) {
    DiscoveredObservers discovered = new DiscoveredObservers(observers);
    abd.addBean()
        .types(DiscoveredObservers.class, Object.class)
        .beanClass(DiscoveredObservers.class)
        .createWith(c -> discovered);
  }

  /** The observers found, for diagnostics. */
  public List<ObserverDescriptor> observers() {
    return List.copyOf(observers);
  }

  @Override
  public String toString() {
    return "ModelChangeExtension" + Arrays.toString(observers.toArray());
  }
}
