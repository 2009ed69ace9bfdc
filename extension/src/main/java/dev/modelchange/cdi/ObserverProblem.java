package dev.modelchange.cdi;

/**
 * What is wrong with one {@code ChangeEvent} observer, as {@link ObserverValidator} finds it.
 *
 * @param code the message code, the number after {@code MODELCHANGE-}
 * @param message the whole message, from {@link CdiMessages}: code, bean class, method, cause and fix
 */
record ObserverProblem(int code, String message) {
  @Override
  public String toString() {
    return message;
  }
}
