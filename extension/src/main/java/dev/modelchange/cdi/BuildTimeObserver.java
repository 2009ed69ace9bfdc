package dev.modelchange.cdi;

import dev.modelchange.ModelChange;
import jakarta.enterprise.inject.build.compatible.spi.ObserverInfo;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.AnnotationMember;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import jakarta.enterprise.lang.model.declarations.ParameterInfo;
import jakarta.enterprise.lang.model.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code ChangeEvent} observer as the build-compatible extension sees it: names and annotation values only, no
 * {@code Class} of the model. {@link #problem()} runs the portable extension's checks of the observer's type and
 * qualifier ({@link ObserverMethods}: {@code MODELCHANGE-010}, {@code -011}) on these names, with the same codes
 * and texts. The checks of the qualifier's members that need the engine (the filter, {@code -012} and {@code -014})
 * or the model's class (its mappability, {@code -013}) run when the application starts, with the same code as on
 * Weld ({@link ModelChangeBuildExtension.Creator}).
 *
 * <p>Uses no class of the library's engine nor of the MongoDB driver: under some class-loading setups of the build
 * (Quarkus' QuarkusUnitTest), a driver class loaded at build time clashes with the application's copy. Immutable.
 */
final class BuildTimeObserver {
  /** {@code FullDocument.DEFAULT.name()}, the default of {@link ModelChange#fullDocument()}. */
  private static final String DEFAULT_FULL_DOCUMENT = "DEFAULT";

  private final String route;
  private final String method;
  private final boolean qualified;
  private final Type observedType;
  private final Type modelType;
  private final List<String> operations;
  private final String filter;
  private final String fullDocument;
  private final boolean async;
  private final int priority;

  private BuildTimeObserver(String route, String method, boolean qualified, Type observedType, Type modelType,
      List<String> operations, String filter, String fullDocument, boolean async, int priority) {
    this.route = route;
    this.method = method;
    this.qualified = qualified;
    this.observedType = observedType;
    this.modelType = modelType;
    this.operations = List.copyOf(operations);
    this.filter = filter;
    this.fullDocument = fullDocument;
    this.async = async;
    this.priority = priority;
  }

  /** The route of an observer method, computed as the portable extension computes it. */
  static String routeOf(MethodInfo method) {
    List<String> parameterTypes = new ArrayList<>();
    for (ParameterInfo p : method.parameters()) {
      parameterTypes.add(BuildTimeTypes.erasedName(p.type()));
    }
    return ObserverMethods.route(method.declaringClass().name(), method.name(), parameterTypes);
  }

  /** Reads an observer of {@code ChangeEvent}: its route (added in the enhancement phase) and its qualifier. */
  static BuildTimeObserver of(ObserverInfo observer) {
    MethodInfo m = observer.observerMethod();
    List<String> simpleTypes = new ArrayList<>();
    for (ParameterInfo p : m.parameters()) {
      simpleTypes.add(BuildTimeTypes.erasedSimpleName(p.type()));
    }
    String beanClass = m.declaringClass().name();
    String described = ObserverMethods.describe(beanClass, m.name(), simpleTypes);
    String route = null;
    AnnotationInfo qualifier = null;
    for (AnnotationInfo a : observer.qualifiers()) {
      if (a.name().equals(ObserverRoute.class.getName())) {
        route = a.value().asString();
      } else if (a.name().equals(ModelChange.class.getName())) {
        qualifier = a;
      }
    }
    if (route == null) {
      // the enhancement phase annotates every ChangeEvent parameter: only a class it did not see lacks a route
      route = routeOf(m);
    }
    if (qualifier == null) {
      return new BuildTimeObserver(route, described, false, observer.eventType(), null, List.of(), "",
          DEFAULT_FULL_DOCUMENT, observer.isAsync(), observer.priority());
    }
    List<String> operations = new ArrayList<>();
    member(qualifier, "operations").ifPresent(ops -> ops.asArray().forEach(o -> operations.add(o.asEnumConstant())));
    String filter = member(qualifier, "filter").map(AnnotationMember::asString).orElse("");
    String fullDocument = member(qualifier, "fullDocument").map(AnnotationMember::asEnumConstant)
        .orElse(DEFAULT_FULL_DOCUMENT);
    return new BuildTimeObserver(route, described, true, observer.eventType(), qualifier.value().asType(),
        operations, filter, fullDocument, observer.isAsync(), observer.priority());
  }

  private static Optional<AnnotationMember> member(AnnotationInfo annotation, String name) {
    return annotation.hasMember(name) ? Optional.ofNullable(annotation.member(name)) : Optional.empty();
  }

  /**
   * What is wrong with this observer's type or qualifier, as the portable extension words it; empty when nothing
   * that can be checked from names is.
   */
  Optional<String> problem() {
    if (!qualified) {
      return Optional.of(ObserverMessages.unqualified(method));
    }
    String model = BuildTimeTypes.erasedSimpleName(modelType);
    if (observedType.kind() != Type.Kind.PARAMETERIZED_TYPE) {
      return Optional.of(ObserverMessages.rawType(method, model));
    }
    Type argument = observedType.asParameterizedType().typeArguments().get(0);
    if (!BuildTimeTypes.isReflectedAsClass(argument)) {
      return Optional.of(ObserverMessages.notAClass(method,
          BuildTimeTypes.typeName(observedType).replace(BuildTimeTypes.CHANGE_EVENT, "ChangeEvent"), model));
    }
    if (!BuildTimeTypes.erasedName(argument).equals(BuildTimeTypes.erasedName(modelType))) {
      return Optional.of(ObserverMessages.mismatch(method, BuildTimeTypes.erasedSimpleName(argument), model));
    }
    if (modelType.kind() != Type.Kind.CLASS) {
      return Optional.of(ObserverMessages.notADocumentClass(method, BuildTimeTypes.erasedName(modelType)));
    }
    return Optional.empty();
  }

  String route() {
    return route;
  }

  String method() {
    return method;
  }

  /** The model class; only for an observer without {@link #problem()}. */
  ClassInfo model() {
    return modelType.asClass().declaration();
  }

  List<String> operations() {
    return operations;
  }

  String filter() {
    return filter;
  }

  String fullDocument() {
    return fullDocument;
  }

  boolean async() {
    return async;
  }

  int priority() {
    return priority;
  }

  @Override
  public String toString() {
    return method + " -> " + route;
  }
}
