package dev.modelchange.cdi;

import dev.modelchange.Delivery;
import dev.modelchange.ModelChange;
import jakarta.enterprise.inject.build.compatible.spi.ObserverInfo;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.AnnotationMember;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import jakarta.enterprise.lang.model.declarations.ParameterInfo;
import jakarta.enterprise.lang.model.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code ChangeEvent} observer from the build-time language model, as the build-compatible extension sees
 * it, into an {@link ObserverSpec} with the same names as {@link ReflectionObserverReader} gives on Weld: names and
 * annotation values only, no {@code Class} of the model.
 *
 * <p>Uses no class of the library's engine nor of the MongoDB driver: under some class-loading setups of the build
 * (Quarkus' QuarkusUnitTest), a driver class loaded at build time clashes with the application's copy.
 */
final class BuildTimeObserverReader {
  /** {@code FullDocument.DEFAULT.name()}, the default of {@link ModelChange#fullDocument()}. */
  private static final String DEFAULT_FULL_DOCUMENT = "DEFAULT";

  private BuildTimeObserverReader() {}

  /** The spec of an observer method's {@code ChangeEvent} parameter, without qualifier, async or priority. */
  static ObserverSpec read(MethodInfo method) {
    return read(method, null, null, false, 0);
  }

  /** Reads an observer of {@code ChangeEvent}. */
  static ObserverSpec read(ObserverInfo observer) {
    AnnotationInfo qualifier = modelChange(observer);
    return read(observer.observerMethod(), observer.eventType(), qualifier == null ? null : qualifier(qualifier),
        observer.isAsync(), observer.priority());
  }

  /** The observer's {@link ModelChange}, or null. */
  static AnnotationInfo modelChange(ObserverInfo observer) {
    for (AnnotationInfo a : observer.qualifiers()) {
      if (a.name().equals(ModelChange.class.getName())) {
        return a;
      }
    }
    return null;
  }

  private static ObserverSpec read(MethodInfo method, Type observedType, ObserverSpec.Qualifier qualifier,
      boolean async, int priority) {
    List<String> parameterTypes = new ArrayList<>();
    List<String> simpleTypes = new ArrayList<>();
    for (ParameterInfo p : method.parameters()) {
      parameterTypes.add(BuildTimeTypes.erasedName(p.type()));
      simpleTypes.add(BuildTimeTypes.erasedSimpleName(p.type()));
    }
    return new ObserverSpec(method.declaringClass().name(), method.name(), parameterTypes, simpleTypes,
        observedType == null ? null : typeArgument(observedType), qualifier, async, priority);
  }

  private static ObserverSpec.Qualifier qualifier(AnnotationInfo qualifier) {
    Type model = qualifier.value().asType();
    List<String> operations = new ArrayList<>();
    member(qualifier, "operations").ifPresent(ops -> ops.asArray().forEach(o -> operations.add(o.asEnumConstant())));
    String filter = member(qualifier, "filter").map(AnnotationMember::asString).orElse("");
    String fullDocument = member(qualifier, "fullDocument").map(AnnotationMember::asEnumConstant)
        .orElse(DEFAULT_FULL_DOCUMENT);
    String delivery = member(qualifier, "delivery").map(AnnotationMember::asEnumConstant)
        .orElse(Delivery.EACH_INSTANCE.name());
    return new ObserverSpec.Qualifier(BuildTimeTypes.erasedName(model), BuildTimeTypes.erasedSimpleName(model),
        operations, filter, fullDocument, delivery);
  }

  private static Optional<AnnotationMember> member(AnnotationInfo annotation, String name) {
    return annotation.hasMember(name) ? Optional.ofNullable(annotation.member(name)) : Optional.empty();
  }

  private static ObserverSpec.TypeArgument typeArgument(Type observedType) {
    if (observedType.kind() != Type.Kind.PARAMETERIZED_TYPE) {
      return null;
    }
    Type argument = observedType.asParameterizedType().typeArguments().get(0);
    return new ObserverSpec.TypeArgument(BuildTimeTypes.typeName(argument),
        BuildTimeTypes.isReflectedAsClass(argument) ? BuildTimeTypes.erasedName(argument) : null,
        BuildTimeTypes.erasedSimpleName(argument));
  }
}
