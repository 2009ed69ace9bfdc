package dev.modelchange.settings;

import dev.modelchange.InvalidSettingException.Problem;
import dev.modelchange.logging.MessageCode;
import dev.modelchange.logging.Messages;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The messages of the settings package, one method per message and code (020-029, 120-129).
 *
 * <p>Internal: public only because {@link dev.modelchange.InvalidSettingException}, in the API package, words its
 * message here; every other method is package-private.
 */
public final class SettingsMessages {
  private SettingsMessages() {}

  /** The category of the settings package's log messages. */
  static final String LOGGER = "dev.modelchange.settings";

  private static final Logger LOG = System.getLogger(LOGGER);

  /**
   * The message of {@link dev.modelchange.InvalidSettingException}: one invalid value in one sentence, several as a
   * list, so that one restart fixes them all.
   *
   * @param problems at least one
   */
  @MessageCode(20)
  public static String invalidValues(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problem to report");
    }
    if (problems.size() == 1) {
      Problem p = problems.get(0);
      return Messages.coded(20, sentence(p) + " Fix the configuration property " + p.key() + ".");
    }
    StringBuilder text = new StringBuilder().append(problems.size())
        .append(" configuration values are invalid; fix these configuration properties:");
    for (Problem p : problems) {
      text.append("\n - ").append(sentence(p));
    }
    return Messages.coded(20, text.toString());
  }

  private static String sentence(Problem p) {
    return "Invalid value \"" + p.value() + "\" for " + p.key() + ": expected " + p.expected() + ".";
  }

  /** WARNING: {@code modelchange.instance-id} is unset and the host name cannot be found. */
  @MessageCode(123)
  static void hostNameUnknown(String why, String fallback) {
    LOG.log(Level.WARNING, () -> Messages.coded(123, "The local host's name cannot be found (" + why + "), so "
        + ConfigKeys.INSTANCE_ID + " is \"" + fallback + "\"; two instances of one group with the same id cannot both "
        + "keep their positions. Set " + ConfigKeys.INSTANCE_ID + " to a name unique within the group."));
  }
}
