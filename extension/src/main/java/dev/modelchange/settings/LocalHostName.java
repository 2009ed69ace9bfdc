package dev.modelchange.settings;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * The default of {@code modelchange.instance-id}: the local host's name. Looked up once per JVM, on first use,
 * because a lookup can take seconds on a badly configured resolver and only the engine's per-instance features
 * need it.
 */
final class LocalHostName {
  private LocalHostName() {}

  /** Where every lookup fails. */
  static final String FALLBACK = "localhost";

  private static final List<String> VARIABLES = List.of("HOSTNAME", "COMPUTERNAME");

  private static final class Holder {
    static final String NAME = lookUp(() -> InetAddress.getLocalHost().getHostName(), System::getenv);
  }

  /** The local host's name. */
  static String get() {
    return Holder.NAME;
  }

  /**
   * The first usable name of: {@code localHost}, then the environment variables {@code HOSTNAME} and
   * {@code COMPUTERNAME}; else {@link #FALLBACK}, with a warning ({@code MODELCHANGE-123}).
   */
  static String lookUp(Callable<String> localHost, UnaryOperator<String> environment) {
    String why;
    try {
      String name = localHost.call();
      if (usable(name)) {
        return name;
      }
      why = "the local host's name is \"" + name + "\"";
    } catch (Exception e) {
      why = e.toString();
    }
    for (String variable : VARIABLES) {
      String name = environment.apply(variable);
      if (usable(name)) {
        return name.trim();
      }
    }
    SettingsMessages.hostNameUnknown(why, FALLBACK);
    return FALLBACK;
  }

  private static boolean usable(String name) {
    return name != null && !name.isBlank() && !name.contains("/");
  }
}
