package dev.modelchange.cdi;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.engine.ObserverDescriptor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Turns what a container says of a {@code ChangeEvent} observer into an {@link ObserverDescriptor}, with the
 * same checks and messages for the portable and the build-compatible extension.
 */
final class ObserverMethods {
  private ObserverMethods() {}

  /** {@code <bean class>#<method>(<parameter types>)}: unique per observer, stable across runs. */
  static String route(String beanClass, String method, List<String> parameterTypes) {
    return beanClass + "#" + method + "(" + String.join(",", parameterTypes) + ")";
  }

  /** {@code com.acme.BookCache.onBook(ChangeEvent)}, for messages. */
  static String describe(String beanClass, String method, List<String> simpleParameterTypes) {
    return beanClass + "." + method + "(" + String.join(", ", simpleParameterTypes) + ")";
  }

  /**
   * Checks an observer of {@code ChangeEvent} and describes it.
   *
   * @param observedType the observed event type
   * @param qualifier its {@link ModelChange}, or null
   * @throws IllegalArgumentException with the {@code MODELCHANGE-01x} message of the definition error
   */
  static ObserverDescriptor descriptor(String route, String method, Type observedType, ModelChange qualifier,
      boolean async, int priority) {
    if (qualifier == null) {
      throw new IllegalArgumentException(ObserverMessages.unqualified(method));
    }
    String model = qualifier.value().getSimpleName();
    if (!(observedType instanceof ParameterizedType)) {
      throw new IllegalArgumentException(ObserverMessages.rawType(method, model));
    }
    Type argument = ((ParameterizedType) observedType).getActualTypeArguments()[0];
    if (!(argument instanceof Class)) {
      throw new IllegalArgumentException(ObserverMessages.notAClass(method,
          observedType.getTypeName().replace(ChangeEvent.class.getName(), "ChangeEvent"), model));
    }
    if (!argument.equals(qualifier.value())) {
      throw new IllegalArgumentException(ObserverMessages.mismatch(method, ((Class<?>) argument).getSimpleName(),
          model));
    }
    return ObserverDescriptor.of(route, method, qualifier.value(), List.of(qualifier.operations()), qualifier.filter(),
        qualifier.fullDocument(), async, priority);
  }
}
