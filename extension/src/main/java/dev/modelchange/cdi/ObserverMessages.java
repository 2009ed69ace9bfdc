package dev.modelchange.cdi;

/**
 * The definition errors of {@code ChangeEvent} observers, worded once for both extensions: the portable one
 * ({@link ObserverMethods}) and the build-compatible one ({@link BuildTimeObserver}).
 */
final class ObserverMessages {
  private ObserverMessages() {}

  /** MODELCHANGE-010: {@code ChangeEvent} observed without {@code @ModelChange}. */
  static String unqualified(String method) {
    return "MODELCHANGE-010 Observer " + method + " observes ChangeEvent without "
        + "@ModelChange, so it would receive the changes of every model. Add @ModelChange(YourModel.class).";
  }

  /** MODELCHANGE-011: the raw type {@code ChangeEvent}. */
  static String rawType(String method, String model) {
    return "MODELCHANGE-011 Observer " + method + " observes the raw type "
        + "ChangeEvent; declare ChangeEvent<" + model + "> to match @ModelChange(" + model + ".class).";
  }

  /**
   * MODELCHANGE-011: a type argument that is not a class.
   *
   * @param observed the observed type as {@code getTypeName()} writes it, with {@code ChangeEvent} unqualified
   */
  static String notAClass(String method, String observed, String model) {
    return "MODELCHANGE-011 Observer " + method + " observes " + observed + "; declare ChangeEvent<"
        + model + "> (no wildcard or type variable) to match @ModelChange(" + model + ".class).";
  }

  /** MODELCHANGE-011: a type argument other than the model. */
  static String mismatch(String method, String argument, String model) {
    return "MODELCHANGE-011 Observer " + method + " observes ChangeEvent<" + argument
        + "> but its qualifier is @ModelChange(" + model + ".class); the type argument must be the model: "
        + "ChangeEvent<" + model + ">.";
  }

  /**
   * MODELCHANGE-013 for a model that is a primitive or array type, which the build-compatible extension cannot
   * hand to the runtime as a class; the text is that of {@code ObserverDescriptor.of} and
   * {@code ModelNamespaces.whyNotMappable}.
   */
  static String notADocumentClass(String method, String className) {
    return "MODELCHANGE-013 Observer " + method + " observes a model that cannot be mapped to a collection: "
        + className + " is not a document class (primitive, array, enum or annotation). "
        + "Observe a POJO or record class.";
  }
}
