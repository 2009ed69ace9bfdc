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
      throw new IllegalArgumentException("MODELCHANGE-010 Observer " + method + " observes ChangeEvent without "
          + "@ModelChange, so it would receive the changes of every model. Add @ModelChange(YourModel.class).");
    }
    Class<?> model = qualifier.value();
    if (!(observedType instanceof ParameterizedType)) {
      throw new IllegalArgumentException("MODELCHANGE-011 Observer " + method + " observes the raw type "
          + "ChangeEvent; declare ChangeEvent<" + model.getSimpleName() + "> to match @ModelChange("
          + model.getSimpleName() + ".class).");
    }
    Type argument = ((ParameterizedType) observedType).getActualTypeArguments()[0];
    if (!(argument instanceof Class)) {
      throw new IllegalArgumentException("MODELCHANGE-011 Observer " + method + " observes " + observedType
          .getTypeName().replace(ChangeEvent.class.getName(), "ChangeEvent") + "; declare ChangeEvent<"
          + model.getSimpleName() + "> (no wildcard or type variable) to match @ModelChange("
          + model.getSimpleName() + ".class).");
    }
    if (!argument.equals(model)) {
      throw new IllegalArgumentException("MODELCHANGE-011 Observer " + method + " observes ChangeEvent<"
          + ((Class<?>) argument).getSimpleName() + "> but its qualifier is @ModelChange(" + model.getSimpleName()
          + ".class); the type argument must be the model: ChangeEvent<" + model.getSimpleName() + ">.");
    }
    return ObserverDescriptor.of(route, method, model, List.of(qualifier.operations()), qualifier.filter(),
        qualifier.fullDocument(), async, priority);
  }
}
