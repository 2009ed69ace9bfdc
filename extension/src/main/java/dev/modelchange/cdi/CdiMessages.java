package dev.modelchange.cdi;

import dev.modelchange.logging.MessageCode;
import dev.modelchange.logging.Messages;
import java.util.List;

/**
 * The messages of the CDI integration (codes 010-019 and 110-119), one method and one code each: the definition
 * errors of {@code ChangeEvent} observers, found by {@link ObserverValidator} for the portable and the
 * build-compatible extension alike, and what the extensions log about them. {@code observer} is always the
 * observer as {@link ObserverSpec#method()} writes it: {@code com.acme.BookCache.onBook(ChangeEvent)}.
 *
 * <p>Uses no class of the MongoDB driver nor of the engine: the build-compatible extension loads it at build time.
 */
final class CdiMessages {
  private CdiMessages() {}

  /** {@code ChangeEvent} observed without {@code @ModelChange}. */
  @MessageCode(10)
  static String unqualified(String observer) {
    return Messages.coded(10, "Observer " + observer + " observes ChangeEvent without @ModelChange, so it would "
        + "receive the changes of every model. Add @ModelChange(YourModel.class).");
  }

  /** The raw type {@code ChangeEvent}. */
  @MessageCode(11)
  static String rawType(String observer, String model) {
    return Messages.coded(11, "Observer " + observer + " observes the raw type ChangeEvent; declare ChangeEvent<"
        + model + "> to match @ModelChange(" + model + ".class).");
  }

  /** A filter that is not JSON. */
  @MessageCode(12)
  static String filterNotJson(String observer, String filter, String reason) {
    return Messages.coded(12, "Observer " + observer + " declares filter \"" + filter + "\" which is not valid JSON: "
        + reason + ". Write the filter as a MongoDB query in extended JSON, e.g. {\"published\": true}.");
  }

  /**
   * A model that cannot be mapped to a collection or decoded with the codec registry.
   *
   * @param why what is wrong with the model and how to fix it, naming the model
   */
  @MessageCode(13)
  static String unusableModel(String observer, String why) {
    return Messages.coded(13, "Observer " + observer + " observes a model that ModelChange cannot use: " + why + ".");
  }

  /**
   * A filter that is JSON but uses what the engine's filter cannot evaluate.
   *
   * @param reason the filter's own message, which names the operator and says what to write instead
   */
  @MessageCode(14)
  static String filterNotEvaluable(String observer, String filter, String reason) {
    return Messages.coded(14, "Observer " + observer + " declares filter \"" + filter
        + "\" which ModelChange cannot evaluate: " + reason);
  }

  /** DEBUG: what the build-compatible extension found. */
  @MessageCode(15)
  static String foundAtBuild(int count, List<?> observers) {
    return Messages.coded(15, "Found " + count + " ChangeEvent observers at build time: " + observers);
  }

  /**
   * The start fails: observers whose problems only the start could see (on CDI Lite, the model and filter checks;
   * anywhere, decoding with the application's codecs).
   *
   * @param problems the messages of the problems, each with its own code
   */
  @MessageCode(16)
  static String cannotStart(List<String> problems) {
    StringBuilder message = new StringBuilder("ModelChange cannot start: ").append(problems.size())
        .append(problems.size() == 1 ? " observer is" : " observers are").append(" broken");
    for (int i = 0; i < problems.size(); i++) {
      message.append(System.lineSeparator()).append('[').append(i + 1).append("] ").append(problems.get(i));
    }
    return Messages.coded(16, message.toString());
  }

  /**
   * A type argument that is not a class: a wildcard, a type variable or a parameterized type.
   *
   * @param observed the observed type as {@code getTypeName()} writes it, with {@code ChangeEvent} unqualified
   */
  @MessageCode(17)
  static String typeArgumentNotAClass(String observer, String observed, String model) {
    return Messages.coded(17, "Observer " + observer + " observes " + observed + "; declare ChangeEvent<" + model
        + "> (no wildcard or type variable) to match @ModelChange(" + model + ".class).");
  }

  /** A type argument other than the qualifier's model. */
  @MessageCode(18)
  static String typeArgumentMismatch(String observer, String argument, String model) {
    return Messages.coded(18, "Observer " + observer + " observes ChangeEvent<" + argument
        + "> but its qualifier is @ModelChange(" + model + ".class); the type argument must be the model: "
        + "ChangeEvent<" + model + ">.");
  }

  /** DEBUG: the application brings its own codecs, so decoding is checked at start, not at boot. */
  @MessageCode(19)
  static String decodingCheckedAtStart(String bean) {
    return Messages.coded(19, "The application has a " + bean + " bean, whose codecs are known only when "
        + "ModelChange starts: the observed models are checked for decoding then.");
  }

  /** DEBUG: the streams run on the container's managed thread factory. */
  @MessageCode(5)
  static String containerThreads(String jndiName) {
    return Messages.coded(5, "Using the container's " + jndiName + " for the streams' threads");
  }

  /** The CDI API at hand has no TypeLiteral.actualType field to build ChangeEvent types with. */
  @MessageCode(90)
  static IllegalStateException noTypeLiteralField(Exception e) {
    return new IllegalStateException(Messages.coded(90, "This CDI API's TypeLiteral has no field actualType; "
        + "ModelChange cannot build ChangeEvent<Model> types with it (see ChangeEventTypes). Use a CDI 4.0 or 4.1 "
        + "API jar."), e);
  }

  /** Setting TypeLiteral.actualType failed. */
  @MessageCode(91)
  static IllegalStateException cannotBuildType(String model, Exception e) {
    return new IllegalStateException(Messages.coded(91, "Cannot build ChangeEvent<" + model + ">: the CDI API "
        + "refused reflective access to TypeLiteral (a module or security setting); open jakarta.cdi to "
        + "dev.modelchange."), e);
  }

  /** The injected ModelChanges is the container's to close. */
  @MessageCode(110)
  static UnsupportedOperationException containerOwned() {
    return new UnsupportedOperationException(Messages.coded(110, "The injected ModelChanges is closed by the "
        + "container when the application stops; unsubscribe your listeners instead"));
  }
}
