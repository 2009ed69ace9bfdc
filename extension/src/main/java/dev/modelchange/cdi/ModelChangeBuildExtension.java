package dev.modelchange.cdi;

import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.engine.ObserverDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
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
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.inject.Singleton;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build-compatible extension (CDI Lite; Quarkus' ArC runs it at build time): does for Quarkus what
 * {@link ModelChangeExtension} does for Weld and Open Liberty, which run that one instead.
 *
 * <ol>
 *   <li>Discovery: adds {@link ModelChangeRuntime} (the library's jar need not be a bean archive) and declares
 *       {@link ModelChange} and {@link ObserverRoute} qualifiers.</li>
 *   <li>Enhancement: gives every {@code @Observes}/{@code @ObservesAsync} parameter of type {@code ChangeEvent} an
 *       {@link ObserverRoute} naming its method, computed as the portable extension computes it.</li>
 *   <li>Registration: reads each {@code ChangeEvent} observer (route, qualifier members, priority, async) and
 *       checks its type and qualifier with the portable extension's checks and messages ({@code MODELCHANGE-010},
 *       {@code -011}).</li>
 *   <li>Synthesis: registers {@link DiscoveredObservers} as a synthetic bean, created by {@link Creator} when the
 *       application starts; the model classes, known at build time only by name, arrive there as classes, and
 *       the checks that need them or the engine (filter {@code -012}/{@code -014}, model {@code -013}) run there,
 *       with the portable extension's code.</li>
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

  private static final String ROUTES = "routes";
  private static final String METHODS = "methods";
  private static final String MODELS = "models";
  private static final String OPERATIONS = "operations";
  private static final String FILTERS = "filters";
  private static final String FULL_DOCUMENTS = "fullDocuments";
  private static final String ASYNC = "async";
  private static final String PRIORITIES = "priorities";

  /** By route: an inherited observer method is one observer per bean, but one route and one descriptor. */
  private final Map<String, BuildTimeObserver> observers = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  /** Adds the library's bean and qualifiers. */
  @Discovery
  public void discover(ScannedClasses classes, MetaAnnotations annotations) {
    classes.add(ModelChangeRuntime.class.getName());
    dev.modelchange.health.HealthRegistration.register(classes); // only with MicroProfile Health
    dev.modelchange.metrics.MetricsRegistration.register(classes); // only with Micrometer
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
        parameter.addAnnotation(ObserverRoute.Literal.of(BuildTimeObserver.routeOf(method.info())));
      }
    }
  }

  /**
   * Turns off {@link ModelChangeRuntime}'s observer of {@code @Initialized(ApplicationScoped.class)}: on CDI Lite
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

  /** Reads and checks each observer of {@code ChangeEvent}. */
  @Registration(types = ChangeEvent.class)
  public void collect(ObserverInfo observer) {
    if (observer.isSynthetic() || !BuildTimeTypes.isChangeEvent(observer.eventType())) {
      return;
    }
    BuildTimeObserver found = BuildTimeObserver.of(observer);
    if (observers.containsKey(found.route())) {
      return;
    }
    observers.put(found.route(), found);
    found.problem().ifPresent(problems::add);
  }

  /** Hands the observers to {@link ModelChangeRuntime}, as the portable extension does. */
  @Synthesis
  public void register(SyntheticComponents components) {
    List<BuildTimeObserver> valid = new ArrayList<>();
    observers.values().stream().filter(o -> o.problem().isEmpty()).forEach(valid::add);
    int n = valid.size();
    String[] routes = new String[n];
    String[] methods = new String[n];
    ClassInfo[] models = new ClassInfo[n];
    String[] operations = new String[n];
    String[] filters = new String[n];
    String[] fullDocuments = new String[n];
    boolean[] async = new boolean[n];
    int[] priorities = new int[n];
    for (int i = 0; i < n; i++) {
      BuildTimeObserver o = valid.get(i);
      routes[i] = o.route();
      methods[i] = o.method();
      models[i] = o.model();
      operations[i] = String.join(",", o.operations());
      filters[i] = o.filter();
      fullDocuments[i] = o.fullDocument();
      async[i] = o.async();
      priorities[i] = o.priority();
    }
    components.addBean(DiscoveredObservers.class)
        .type(DiscoveredObservers.class)
        .scope(Singleton.class)
        .withParam(ROUTES, routes)
        .withParam(METHODS, methods)
        .withParam(MODELS, models)
        .withParam(OPERATIONS, operations)
        .withParam(FILTERS, filters)
        .withParam(FULL_DOCUMENTS, fullDocuments)
        .withParam(ASYNC, async)
        .withParam(PRIORITIES, priorities)
        .createWith(Creator.class);
    LOG.log(Level.DEBUG, () -> "MODELCHANGE-015 Found " + n + " ChangeEvent observers at build time: " + valid);
  }

  /** Reports broken observers as deployment errors. */
  @Validation
  public void validate(Messages messages) {
    problems.forEach(messages::error);
  }

  @Override
  public String toString() {
    return "ModelChangeBuildExtension" + observers.values();
  }

  /**
   * Creates {@link DiscoveredObservers} when the application starts, with the checks of the portable extension
   * ({@link ObserverMethods}); an observer whose filter is invalid ({@code MODELCHANGE-012}, {@code -014}) or whose
   * model cannot be mapped to a collection ({@code -013}) fails the start with a {@link DeploymentException}
   * ({@code MODELCHANGE-016}) naming every such observer. Public for the container only.
   */
  public static final class Creator implements SyntheticBeanCreator<DiscoveredObservers> {
    /** For the container. */
    public Creator() {}

    @Override
    public DiscoveredObservers create(Instance<Object> lookup, Parameters params) {
      String[] routes = params.get(ROUTES, String[].class);
      String[] methods = params.get(METHODS, String[].class);
      Class<?>[] models = params.get(MODELS, Class[].class);
      String[] operations = params.get(OPERATIONS, String[].class);
      String[] filters = params.get(FILTERS, String[].class);
      String[] fullDocuments = params.get(FULL_DOCUMENTS, String[].class);
      boolean[] async = params.get(ASYNC, boolean[].class);
      int[] priorities = params.get(PRIORITIES, int[].class);
      List<ObserverDescriptor> descriptors = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < routes.length; i++) {
        Class<?> model = models[i];
        ModelChange qualifier = ModelChange.Literal.of(model, operationTypes(operations[i]), filters[i],
            FullDocument.valueOf(fullDocuments[i]));
        try {
          descriptors.add(ObserverMethods.descriptor(routes[i], methods[i], ChangeEventTypes.of(model).getType(),
              qualifier, async[i], priorities[i]));
        } catch (IllegalArgumentException e) {
          failures.add(e.getMessage());
        }
      }
      if (!failures.isEmpty()) {
        StringBuilder message = new StringBuilder("MODELCHANGE-016 ModelChange cannot start: ")
            .append(failures.size()).append(failures.size() == 1 ? " observer is" : " observers are")
            .append(" broken");
        for (int i = 0; i < failures.size(); i++) {
          message.append(System.lineSeparator()).append('[').append(i + 1).append("] ").append(failures.get(i));
        }
        throw new DeploymentException(message.toString());
      }
      return new DiscoveredObservers(descriptors);
    }

    private static OperationType[] operationTypes(String names) {
      return names.isEmpty() ? new OperationType[0]
          : Arrays.stream(names.split(",")).map(OperationType::valueOf).toArray(OperationType[]::new);
    }
  }
}
