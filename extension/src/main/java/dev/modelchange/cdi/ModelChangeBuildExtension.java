package dev.modelchange.cdi;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.engine.ObserverDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.AnnotationBuilder;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.MetaAnnotations;
import jakarta.enterprise.inject.build.compatible.spi.MethodConfig;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.ObserverInfo;
import jakarta.enterprise.inject.build.compatible.spi.ParameterConfig;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.inject.Singleton;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build-compatible extension (CDI Lite; Quarkus' ArC runs it at build time): does for Quarkus what
 * {@link ModelChangeExtension} does for Weld and Open Liberty, which run that one instead.
 *
 * <ol>
 *   <li>Discovery: adds {@link ModelChangeRuntime} (the library's jar need not be a bean archive) and declares
 *       {@link ModelChange} and {@link ObserverRoute} qualifiers.</li>
 *   <li>Enhancement: gives every {@code @Observes}/{@code @ObservesAsync} parameter of type {@code ChangeEvent} an
 *       {@link ObserverRoute} naming its method, computed as the portable extension computes it.</li>
 *   <li>Registration: reads each {@code ChangeEvent} observer into an {@link ObserverSpec} (with
 *       {@link BuildTimeObserverReader}) and checks its declaration ({@link ObserverValidator#declarationProblems}:
 *       the portable extension's check, codes and texts).</li>
 *   <li>Synthesis: registers {@link DiscoveredObservers} as a synthetic bean, created by {@link Creator} when the
 *       application starts, with one parameter: an {@link ObserverSpecParam} per observer whose declaration is
 *       right, carrying its {@code @ModelChange}. There the model classes, known at build time only by name, are
 *       classes, and the checks that need them or the engine run ({@link ObserverValidator#modelProblems}, and
 *       decoding when the codecs are known then), as the portable extension runs them.</li>
 *   <li>Start: Quarkus fires {@code @Initialized(ApplicationScoped.class)} while it builds the application at
 *       static init, before the runtime configuration and its {@code MongoClient} exist. So on CDI Lite the
 *       runtime's observer of that event is turned off (enhancement), and its observer of {@link Startup}, CDI's
 *       event of the running application, starts the engine, before the application's own {@code Startup}
 *       observers.</li>
 *   <li>Validation: reports the broken observers as deployment errors.</li>
 * </ol>
 *
 * <p>Opens no connection and reads no configuration: {@link ModelChangeRuntime} does, when the application starts.
 */
@SkipIfPortableExtensionPresent(ModelChangeExtension.class)
public class ModelChangeBuildExtension implements BuildCompatibleExtension {
  private static final Logger LOG = System.getLogger(ModelChangeBuildExtension.class.getName());

  /** The synthetic bean's parameter: an {@link ObserverSpecParam} per observer whose declaration is right. */
  private static final String OBSERVERS = "observers";

  /** By route: an inherited observer method is one observer per bean, but one route and one descriptor. */
  private final Map<String, Found> observers = new LinkedHashMap<>();

  /** Adds the library's bean and qualifiers. */
  @Discovery
  public void discover(ScannedClasses classes, MetaAnnotations annotations) {
    classes.add(ModelChangeRuntime.class.getName());
    annotations.addQualifier(ModelChange.class);
    annotations.addQualifier(ObserverRoute.class);
  }

  /** Routes each {@code ChangeEvent} observer method by its own qualifier. */
  @Enhancement(types = Object.class, withSubtypes = true, withAnnotations = {Observes.class, ObservesAsync.class})
  public void route(MethodConfig method) {
    for (ParameterConfig parameter : method.parameters()) {
      if ((parameter.info().hasAnnotation(Observes.class) || parameter.info().hasAnnotation(ObservesAsync.class))
          && BuildTimeTypes.isChangeEvent(parameter.info().type())
          && !parameter.info().hasAnnotation(ObserverRoute.class)) {
        parameter.addAnnotation(ObserverRoute.Literal.of(BuildTimeObserverReader.read(method.info()).route()));
      }
    }
  }

  /**
   * Turns off {@link ModelChangeRuntime}'s observer of {@code @Initialized(ApplicationScoped)}: on CDI Lite
   * the engine starts on {@link Startup}, when the runtime configuration is there.
   */
  @Enhancement(types = ModelChangeRuntime.class)
  public void startAtRuntime(MethodConfig method) {
    for (ParameterConfig parameter : method.parameters()) {
      AnnotationInfo initialized = parameter.info().annotation(Initialized.class);
      if (parameter.info().hasAnnotation(Observes.class) && initialized != null
          && ApplicationScoped.class.getName().equals(initialized.value().asType().asClass().declaration().name())) {
        parameter.removeAnnotation(a -> a.name().equals(Observes.class.getName()));
      }
    }
  }

  /** Reads each observer of {@code ChangeEvent} and checks its declaration. */
  @Registration(types = ChangeEvent.class)
  public void collect(ObserverInfo observer) {
    if (observer.isSynthetic() || !BuildTimeTypes.isChangeEvent(observer.eventType())) {
      return;
    }
    ObserverSpec spec = BuildTimeObserverReader.read(observer);
    observers.putIfAbsent(spec.route(), new Found(spec, BuildTimeObserverReader.modelChange(observer),
        ObserverValidator.declarationProblems(spec)));
  }

  /** Hands the observers whose declaration is right to {@link ModelChangeRuntime}, as the portable extension does. */
  @Synthesis
  public void register(SyntheticComponents components) {
    List<ObserverSpec> valid = new ArrayList<>();
    List<AnnotationInfo> params = new ArrayList<>();
    for (Found found : observers.values()) {
      if (found.problems().isEmpty()) {
        valid.add(found.spec());
        params.add(found.param());
      }
    }
    components.addBean(DiscoveredObservers.class)
        .type(DiscoveredObservers.class)
        .scope(Singleton.class)
        .withParam(OBSERVERS, params.toArray(AnnotationInfo[]::new))
        .createWith(Creator.class);
    LOG.log(Level.DEBUG, () -> CdiMessages.foundAtBuild(valid.size(),
        valid.stream().map(ObserverSpec::method).toList()));
  }

  /** Reports the observers whose declaration is wrong as deployment errors. */
  @Validation
  public void validate(Messages messages) {
    observers.values().forEach(found -> found.problems().forEach(p -> messages.error(p.message())));
  }

  @Override
  public String toString() {
    return "ModelChangeBuildExtension" + observers.keySet();
  }

  /** An observer as the build found it. */
  private record Found(ObserverSpec spec, AnnotationInfo qualifier, List<ObserverProblem> problems) {
    /** The spec for the creator; only for an observer with a qualifier. */
    AnnotationInfo param() {
      return AnnotationBuilder.of(ObserverSpecParam.class)
          .member("beanClass", spec.beanClass())
          .member("methodName", spec.methodName())
          .member("parameterTypes", spec.parameterTypes().toArray(String[]::new))
          .member("simpleParameterTypes", spec.simpleParameterTypes().toArray(String[]::new))
          .member("qualifier", qualifier)
          .member("async", spec.async())
          .member("priority", spec.priority())
          .build();
    }
  }

  /**
   * Creates {@link DiscoveredObservers} when the application starts, with the checks that need the model's class
   * ({@link ObserverValidator#modelProblems}) and, when the application brings neither a {@code CodecRegistry} nor
   * a {@code MongoClient} bean, the default codecs ({@link ObserverValidator#decodingProblems}); otherwise
   * {@link ModelChangeRuntime} checks decoding as it starts the engine. Broken observers fail the start with a
   * {@link DeploymentException} ({@code MODELCHANGE-016}) naming each. Public for the container only.
   */
  public static final class Creator implements SyntheticBeanCreator<DiscoveredObservers> {
    /** For the container. */
    public Creator() {}

    @Override
    public DiscoveredObservers create(Instance<Object> lookup, Parameters params) {
      List<ObserverDescriptor> descriptors = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (Annotation param : params.get(OBSERVERS, Annotation[].class)) {
        ObserverSpec spec = ReflectionObserverReader.read((ObserverSpecParam) param);
        Class<?> model = ((ObserverSpecParam) param).qualifier().value();
        List<ObserverProblem> problems = ObserverValidator.problems(spec, model);
        if (problems.isEmpty()) {
          descriptors.add(ObserverValidator.descriptor(spec, model));
        } else {
          problems.forEach(p -> failures.add(p.message()));
        }
      }
      Optional<String> ownCodecs = ApplicationCodecs.of(lookup);
      if (ownCodecs.isEmpty()) {
        ObserverValidator.decodingProblems(descriptors, ApplicationCodecs.defaults())
            .forEach(p -> failures.add(p.message()));
      } else {
        LOG.log(Level.DEBUG, () -> CdiMessages.decodingCheckedAtStart(ownCodecs.get()));
      }
      if (!failures.isEmpty()) {
        throw new DeploymentException(CdiMessages.cannotStart(failures));
      }
      return new DiscoveredObservers(descriptors);
    }
  }
}
