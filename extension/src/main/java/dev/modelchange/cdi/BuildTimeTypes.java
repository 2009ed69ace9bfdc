package dev.modelchange.cdi;

import dev.modelchange.ChangeEvent;
import jakarta.enterprise.lang.model.types.PrimitiveType;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.enterprise.lang.model.types.TypeVariable;
import jakarta.enterprise.lang.model.types.WildcardType;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of language-model types as {@code java.lang.reflect} would print them, so that the build-compatible
 * extension computes the same observer routes and writes the same messages as the portable extension, which
 * sees {@code Class} and {@code java.lang.reflect.Type} objects. Used at build time only.
 */
final class BuildTimeTypes {
  static final String CHANGE_EVENT = ChangeEvent.class.getName();

  private BuildTimeTypes() {}

  /** True for {@code ChangeEvent}, raw or parameterized. */
  static boolean isChangeEvent(Type type) {
    return CHANGE_EVENT.equals(rawName(type));
  }

  /** The class name of a class or parameterized type, else null. */
  static String rawName(Type type) {
    switch (type.kind()) {
      case CLASS:
        return type.asClass().declaration().name();
      case PARAMETERIZED_TYPE:
        return type.asParameterizedType().genericClass().declaration().name();
      default:
        return null;
    }
  }

  /** {@code Class.getName()} of the type's erasure: {@code com.acme.Book}, {@code int}, {@code [Ljava.lang.String;}. */
  static String erasedName(Type type) {
    if (type == null) {
      return "java.lang.Object";
    }
    switch (type.kind()) {
      case ARRAY:
        return "[" + descriptor(type.asArray().componentType());
      case PRIMITIVE:
        return type.asPrimitive().name();
      case TYPE_VARIABLE:
        return erasedName(bound(type.asTypeVariable()));
      case VOID:
        return "void";
      default:
        return rawName(type);
    }
  }

  /** {@code Class.getSimpleName()} of the type's erasure: {@code Book}, {@code int}, {@code String[]}. */
  static String erasedSimpleName(Type type) {
    if (type == null) {
      return "Object";
    }
    switch (type.kind()) {
      case CLASS:
        return type.asClass().declaration().simpleName();
      case PARAMETERIZED_TYPE:
        return type.asParameterizedType().genericClass().declaration().simpleName();
      case ARRAY:
        return erasedSimpleName(type.asArray().componentType()) + "[]";
      case PRIMITIVE:
        return type.asPrimitive().name();
      case TYPE_VARIABLE:
        return erasedSimpleName(bound(type.asTypeVariable()));
      default:
        return "void";
    }
  }

  /**
   * {@code java.lang.reflect.Type.getTypeName()}: {@code com.acme.Book}, {@code java.util.List<java.lang.String>},
   * {@code ?}, {@code ? extends com.acme.Book}, {@code T}, {@code com.acme.Book[]}.
   */
  static String typeName(Type type) {
    switch (type.kind()) {
      case CLASS:
        return type.asClass().declaration().name();
      case PARAMETERIZED_TYPE:
        List<String> arguments = new ArrayList<>();
        type.asParameterizedType().typeArguments().forEach(a -> arguments.add(typeName(a)));
        return rawName(type) + "<" + String.join(", ", arguments) + ">";
      case ARRAY:
        return typeName(type.asArray().componentType()) + "[]";
      case PRIMITIVE:
        return type.asPrimitive().name();
      case TYPE_VARIABLE:
        return type.asTypeVariable().name();
      case WILDCARD_TYPE:
        WildcardType w = type.asWildcardType();
        if (w.lowerBound() != null) {
          return "? super " + typeName(w.lowerBound());
        }
        return w.upperBound() == null || "java.lang.Object".equals(rawName(w.upperBound()))
            ? "?" : "? extends " + typeName(w.upperBound());
      default:
        return "void";
    }
  }

  /**
   * True when reflection represents the type as a {@code Class}: a class, or an array of classes or primitives
   * (not a parameterized type, type variable, wildcard or generic array).
   */
  static boolean isReflectedAsClass(Type type) {
    switch (type.kind()) {
      case CLASS:
      case PRIMITIVE:
        return true;
      case ARRAY:
        return isReflectedAsClass(type.asArray().componentType());
      default:
        return false;
    }
  }

  private static Type bound(TypeVariable variable) {
    return variable.bounds().isEmpty() ? null : variable.bounds().get(0);
  }

  private static String descriptor(Type component) {
    if (component == null) {
      return "Ljava.lang.Object;";
    }
    switch (component.kind()) {
      case ARRAY:
        return "[" + descriptor(component.asArray().componentType());
      case PRIMITIVE:
        return primitiveDescriptor(component.asPrimitive());
      case TYPE_VARIABLE:
        return descriptor(bound(component.asTypeVariable()));
      default:
        return "L" + rawName(component) + ";";
    }
  }

  private static String primitiveDescriptor(PrimitiveType p) {
    switch (p.primitiveKind()) {
      case BOOLEAN:
        return "Z";
      case BYTE:
        return "B";
      case SHORT:
        return "S";
      case INT:
        return "I";
      case LONG:
        return "J";
      case FLOAT:
        return "F";
      case DOUBLE:
        return "D";
      default:
        return "C";
    }
  }
}
