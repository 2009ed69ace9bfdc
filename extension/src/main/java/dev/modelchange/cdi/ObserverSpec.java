package dev.modelchange.cdi;

import java.util.List;
import java.util.Objects;

/**
 * What discovery knows of one {@code ChangeEvent} observer method, in names only, whichever extension read it: the
 * portable one from reflection ({@link ReflectionObserverReader}), the build-compatible one from the build-time
 * language model ({@link BuildTimeObserverReader}). {@link ObserverValidator} checks it; the model's {@code Class}
 * is not part of it, because at build time there is none.
 *
 * <p>Uses no class of the MongoDB driver nor of the engine: the build-compatible extension makes it at build time.
 *
 * @param beanClass the observer's bean class, e.g. {@code com.acme.BookCache}
 * @param methodName the observer method's name
 * @param parameterTypes the erased parameter types as {@code Class.getName()} writes them
 * @param simpleParameterTypes the same as {@code Class.getSimpleName()} writes them
 * @param typeArgument the type argument of the observed {@code ChangeEvent}; null for the raw type
 * @param qualifier the observer's {@code @ModelChange}; null when it has none
 * @param async {@code @ObservesAsync}
 * @param priority the observer's priority
 */
record ObserverSpec(String beanClass, String methodName, List<String> parameterTypes,
    List<String> simpleParameterTypes, TypeArgument typeArgument, Qualifier qualifier, boolean async, int priority) {

  ObserverSpec {
    Objects.requireNonNull(beanClass, "beanClass");
    Objects.requireNonNull(methodName, "methodName");
    parameterTypes = List.copyOf(parameterTypes);
    simpleParameterTypes = List.copyOf(simpleParameterTypes);
  }

  /** {@code <bean class>#<method>(<parameter types>)}: unique per observer, stable across runs. */
  String route() {
    return beanClass + "#" + methodName + "(" + String.join(",", parameterTypes) + ")";
  }

  /** {@code com.acme.BookCache.onBook(ChangeEvent)}, as every message names the observer. */
  String method() {
    return beanClass + "." + methodName + "(" + String.join(", ", simpleParameterTypes) + ")";
  }

  /**
   * The type argument of an observed {@code ChangeEvent<X>}.
   *
   * @param typeName {@code X} as {@code java.lang.reflect.Type.getTypeName()} writes it: {@code ?},
   *     {@code com.acme.Book}, {@code java.util.List<java.lang.String>}
   * @param className {@code Class.getName()} of {@code X} when reflection represents it as a {@code Class}
   *     (a class or an array), else null (a wildcard, type variable or parameterized type)
   * @param simpleName {@code Class.getSimpleName()} of {@code X}'s erasure
   */
  record TypeArgument(String typeName, String className, String simpleName) {
    boolean isClass() {
      return className != null;
    }
  }

  /**
   * The members of {@code @ModelChange}, with enum constants by name.
   *
   * @param model {@code Class.getName()} of {@code value()}
   * @param modelSimpleName {@code Class.getSimpleName()} of {@code value()}
   * @param operations the names of {@code operations()}; empty for all
   * @param filter {@code filter()}; empty for none
   * @param fullDocument the name of {@code fullDocument()}
   * @param delivery the name of {@code delivery()}
   */
  record Qualifier(String model, String modelSimpleName, List<String> operations, String filter,
      String fullDocument, String delivery) {
    Qualifier {
      Objects.requireNonNull(model, "model");
      operations = List.copyOf(operations);
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(fullDocument, "fullDocument");
      Objects.requireNonNull(delivery, "delivery");
    }
  }
}
