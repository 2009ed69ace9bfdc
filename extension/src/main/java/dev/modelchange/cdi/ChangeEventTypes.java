package dev.modelchange.cdi;

import dev.modelchange.ChangeEvent;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * The one place that builds the CDI event type {@code ChangeEvent<M>} for a model {@code M} known only at run
 * time. CDI's {@link TypeLiteral} takes its type from a subclass's type argument and {@code getType()} is final;
 * {@code Event.select(ChangeEvent.class)} is rejected for a generic type (Weld: WELD-000819; ArC likewise). So
 * we set the literal's private {@code actualType}, which {@code getType()} returns when present. Checked by the
 * tests on Weld and on Quarkus (ArC); should a CDI API release rename the field, the failure is immediate and
 * names this class.
 */
final class ChangeEventTypes {
  private static final Field ACTUAL_TYPE;

  static {
    try {
      ACTUAL_TYPE = TypeLiteral.class.getDeclaredField("actualType");
      ACTUAL_TYPE.setAccessible(true);
    } catch (NoSuchFieldException | RuntimeException e) {
      throw CdiMessages.noTypeLiteralField(e);
    }
  }

  private ChangeEventTypes() {}

  /** {@code ChangeEvent<model>} as a type literal. */
  static TypeLiteral<Object> of(Class<?> model) {
    TypeLiteral<Object> literal = new TypeLiteral<>() {
      private static final long serialVersionUID = 1L;
    };
    try {
      ACTUAL_TYPE.set(literal, new ChangeEventType(model));
    } catch (IllegalAccessException e) {
      throw CdiMessages.cannotBuildType(model.getName(), e);
    }
    return literal;
  }

  /** {@code ChangeEvent<M>}, equal to the JDK's and the containers' own parameterized types of it. */
  private static final class ChangeEventType implements ParameterizedType {
    private final Type[] arguments;

    ChangeEventType(Class<?> model) {
      this.arguments = new Type[] {model};
    }

    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return ChangeEvent.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType
          && ChangeEvent.class.equals(((ParameterizedType) o).getRawType())
          && ((ParameterizedType) o).getOwnerType() == null
          && Arrays.equals(arguments, ((ParameterizedType) o).getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(arguments) ^ ChangeEvent.class.hashCode();
    }

    @Override
    public String toString() {
      return ChangeEvent.class.getName() + "<" + arguments[0].getTypeName() + ">";
    }
  }
}
