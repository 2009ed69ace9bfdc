package dev.modelchange;

import java.util.List;

/** Every message of the API package, one method per code (see {@code docs/messages.md}). */
final class ApiMessages {
  private ApiMessages() {}

  private static String coded(int code, String text) {
    return String.format("MODELCHANGE-%03d %s", code, text);
  }

  @MessageCode(20)
  static String invalidValues(List<InvalidSettingException.Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problem to report");
    }
    if (problems.size() == 1) {
      InvalidSettingException.Problem p = problems.get(0);
      return coded(20, sentence(p) + " Fix the configuration property " + p.key() + ".");
    }
    StringBuilder text = new StringBuilder().append(problems.size())
        .append(" configuration values are invalid; fix these configuration properties:");
    for (InvalidSettingException.Problem p : problems) {
      text.append("\n - ").append(sentence(p));
    }
    return coded(20, text.toString());
  }

  private static String sentence(InvalidSettingException.Problem p) {
    return "Invalid value \"" + p.value() + "\" for " + p.key() + ": expected " + p.expected() + ".";
  }

  @MessageCode(40)
  static IllegalArgumentException onChangeMissing() {
    return new IllegalArgumentException(coded(40, "ListenOptions.onChange is required: give the listener that "
        + "receives the changes"));
  }

  @MessageCode(41)
  static IllegalArgumentException noOperationTypes() {
    return new IllegalArgumentException(coded(41, "ListenOptions.operationTypes is empty: name at least one "
        + "operation, or leave it out to receive all"));
  }

  @MessageCode(42)
  static IllegalArgumentException blankId() {
    return new IllegalArgumentException(coded(42, "ListenOptions.id is blank: give a durable name, or leave it out "
        + "for a listener that starts from now"));
  }

  @MessageCode(43)
  static IllegalArgumentException nullStage() {
    return new IllegalArgumentException(coded(43, "ListenOptions.pipeline contains null"));
  }

  @MessageCode(48)
  static IllegalArgumentException oneInstanceWithoutId() {
    return new IllegalArgumentException(coded(48, "ListenOptions.delivery(ONE_INSTANCE) needs a durable id: the "
        + "instances share that listener's position behind a lease. Give ListenOptions.id(\"...\")."));
  }

  @MessageCode(49)
  static IllegalStateException noProvider() {
    return new IllegalStateException(coded(49, "No ModelChangesProvider was found by ServiceLoader: the "
        + "modelchange-cdi jar is missing from the class path, or its META-INF/services was dropped (a shaded "
        + "jar needs the ServicesResourceTransformer)"));
  }
}
