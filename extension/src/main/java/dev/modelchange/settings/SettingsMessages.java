package dev.modelchange.settings;

import dev.modelchange.InvalidSettingException.Problem;
import dev.modelchange.logging.MessageCode;
import dev.modelchange.logging.Messages;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;

/**
 * The messages of the settings package, one method per message and code (020-029, 120-129).
 *
 * <p>Internal: public only because {@link dev.modelchange.InvalidSettingException}, in the API package, words its
 * message here; every other method is package-private.
 */
final class SettingsMessages {
  private SettingsMessages() {}

  /** The category of the settings package's log messages. */
  static final String LOGGER = "dev.modelchange.settings";

  private static final Logger LOG = System.getLogger(LOGGER);

  /** WARNING: a key under {@code modelchange.} that is no setting, near a real one. */
  @MessageCode(120)
  static void unknownKeyNear(String key, String nearest) {
    LOG.log(Level.WARNING, () -> Messages.coded(120, "The configuration key " + key + " is not a ModelChange "
        + "setting and is ignored; did you mean " + nearest + "? Rename it."));
  }

  /** WARNING: a key under {@code modelchange.} that is no setting, and like none. */
  @MessageCode(121)
  static void unknownKey(String key) {
    LOG.log(Level.WARNING, () -> Messages.coded(121, "The configuration key " + key + " is not a ModelChange "
        + "setting and is ignored. Remove it, or use a key of the README's configuration table."));
  }

  /**
   * DEBUG: the keys that were set, with their values as written (secrets hidden), once read and checked.
   *
   * @param configured {@code key=value} for each key that was set, in the order of the table
   */
  @MessageCode(122)
  static void settingsRead(Supplier<List<String>> configured) {
    LOG.log(Level.DEBUG, () -> {
      List<String> set = configured.get();
      return Messages.coded(122, set.isEmpty() ? "Settings read: every key has its default."
          : "Settings read: " + String.join(", ", set) + "; every other key has its default.");
    });
  }

  /** WARNING: {@code modelchange.instance-id} is unset and the host name cannot be found. */
  @MessageCode(123)
  static void hostNameUnknown(String why, String fallback) {
    LOG.log(Level.WARNING, () -> Messages.coded(123, "The local host's name cannot be found (" + why + "), so "
        + ConfigKeys.INSTANCE_ID + " is \"" + fallback + "\"; two instances of one group with the same id cannot "
        + "both keep their positions. Set " + ConfigKeys.INSTANCE_ID + " to a name unique within the group."));
  }
}
