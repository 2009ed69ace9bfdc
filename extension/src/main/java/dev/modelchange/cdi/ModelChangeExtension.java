package dev.modelchange.cdi;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.engine.ObserverDescriptor;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The portable extension (Weld, Open Liberty): reads every {@code ChangeEvent} observer into an
 * {@link ObserverSpec} (with {@link ReflectionObserverReader}), reports what {@link ObserverValidator} finds wrong
 * as definition errors, and hands the others, as immutable {@link ObserverDescriptor}s, to
 * {@link ModelChangeRuntime} through the synthetic bean {@link DiscoveredObservers}. Checks that the default codecs
 * decode the models when the application brings no codecs of its own ({@link ApplicationCodecs}); otherwise the
 * runtime checks that when it starts. Opens no connection and reads no configuration: the runtime does, when the
 * application starts.
 */
public class ModelChangeExtension implements Extension {
  private static final Logger LOG = System.getLogger(ModelChangeExtension.class.getName());

  private final List<ObserverDescriptor> observers = new ArrayList<>();
  /** The type of the application's bean that decides the codecs, once seen. */
  private Optional<String> ownCodecs = Optional.empty();

  void addRuntime(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
    bbd.addAnnotatedType(bm.createAnnotatedType(ModelChangeRuntime.class), ModelChangeRuntime.class.getName());
  }

  <T, X> void collect(@Observes ProcessObserverMethod<T, X> pom) {
    ObserverMethod<T> om = pom.getObserverMethod();
    Type observed = om.getObservedType();
    Class<?> raw = observed instanceof ParameterizedType
        ? (Class<?>) ((ParameterizedType) observed).getRawType()
        : observed instanceof Class ? (Class<?>) observed : null;
    if (raw != ChangeEvent.class) {
      return;
    }
    ModelChange qualifier = null;
    for (Annotation a : om.getObservedQualifiers()) {
      if (a instanceof ModelChange) {
        qualifier = (ModelChange) a;
      }
    }
    ObserverSpec spec = ReflectionObserverReader.read(om.getBeanClass(), pom.getAnnotatedMethod().getJavaMember(),
        observed, qualifier, om.isAsync(), om.getPriority());
    List<ObserverProblem> problems = ObserverValidator.problems(spec, qualifier == null ? null : qualifier.value());
    if (problems.isEmpty()) {
      observers.add(ObserverValidator.descriptor(spec, qualifier.value()));
      pom.configureObserverMethod().addQualifier(ObserverRoute.Literal.of(spec.route()));
    } else {
      problems.forEach(p -> pom.addDefinitionError(new DefinitionException(p.message())));
    }
  }

  /** Notes an application bean that decides the codecs. */
  <T> void seeCodecs(@Observes ProcessBean<T> pb) {
    if (ownCodecs.isEmpty()) {
      ownCodecs = ApplicationCodecs.of(pb.getBean().getTypes());
    }
  }

  void register(@Observes AfterBeanDiscovery abd) {
    if (ownCodecs.isEmpty()) {
      ObserverValidator.decodingProblems(observers, ApplicationCodecs.defaults())
          .forEach(p -> abd.addDefinitionError(new DefinitionException(p.message())));
    } else {
      LOG.log(Level.DEBUG, () -> CdiMessages.decodingCheckedAtStart(ownCodecs.get()));
    }
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
