package dev.modelchange.cdi;

import dev.modelchange.ModelChange;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@code ChangeEvent} observer from reflection into an {@link ObserverSpec}: as the portable extension sees
 * it, and as the build-compatible extension hands it to the running application ({@link ObserverSpecParam}).
 */
final class ReflectionObserverReader {
  private ReflectionObserverReader() {}

  /**
   * @param beanClass the observer's bean class (for an inherited method, the subclass)
   * @param method the observer method
   * @param observedType the observed {@code ChangeEvent} type, raw or parameterized
   * @param qualifier its {@link ModelChange}, or null
   */
  static ObserverSpec read(Class<?> beanClass, Method method, Type observedType, ModelChange qualifier,
      boolean async, int priority) {
    List<String> parameterTypes = new ArrayList<>();
    List<String> simpleTypes = new ArrayList<>();
    for (Class<?> p : method.getParameterTypes()) {
      parameterTypes.add(p.getName());
      simpleTypes.add(p.getSimpleName());
    }
    return new ObserverSpec(beanClass.getName(), method.getName(), parameterTypes, simpleTypes,
        typeArgument(observedType), qualifier == null ? null : qualifier(qualifier), async, priority);
  }

  /**
   * Reads back, at run time, the spec that the build-compatible extension checked and handed over. Its type
   * argument is the model: the build checked that it is ({@link ObserverValidator#declarationProblems}).
   */
  static ObserverSpec read(ObserverSpecParam param) {
    Class<?> model = param.qualifier().value();
    return new ObserverSpec(param.beanClass(), param.methodName(), List.of(param.parameterTypes()),
        List.of(param.simpleParameterTypes()),
        new ObserverSpec.TypeArgument(model.getTypeName(), model.getName(), model.getSimpleName()),
        qualifier(param.qualifier()), param.async(), param.priority());
  }

  /** The qualifier's members by name. */
  static ObserverSpec.Qualifier qualifier(ModelChange qualifier) {
    return new ObserverSpec.Qualifier(qualifier.value().getName(), qualifier.value().getSimpleName(),
        Arrays.stream(qualifier.operations()).map(Enum::name).toList(), qualifier.filter(),
        qualifier.fullDocument().name(), qualifier.delivery().name());
  }

  private static ObserverSpec.TypeArgument typeArgument(Type observedType) {
    if (!(observedType instanceof ParameterizedType)) {
      return null;
    }
    Type argument = ((ParameterizedType) observedType).getActualTypeArguments()[0];
    if (argument instanceof Class) {
      Class<?> c = (Class<?>) argument;
      return new ObserverSpec.TypeArgument(c.getTypeName(), c.getName(), c.getSimpleName());
    }
    return new ObserverSpec.TypeArgument(argument.getTypeName(), null, null);
  }
}
