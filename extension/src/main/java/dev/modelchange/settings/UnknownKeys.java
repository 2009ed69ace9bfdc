package dev.modelchange.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keys under {@code modelchange.} that no row of {@link SettingsTable} declares: most often a misspelling, whose
 * value is then silently not used. Each gets a warning, naming the nearest real key when one is near; none fails
 * start-up, as a key may belong to a newer version or to a tool sharing the root.
 */
final class UnknownKeys {
  private UnknownKeys() {}

  /** Roots under {@code modelchange.} that are not the library's: the TCK's own properties. */
  private static final List<String> FOREIGN_ROOTS = List.of("modelchange.tck.");

  private static final Pattern MODEL_KEY = Pattern.compile("modelchange\\.model\\.\"[^\"]+\"\\.(collection|database)");

  /** A key that looks meant for a model: its class name (quoted or not) and last segment. */
  private static final Pattern MODEL_LIKE = Pattern.compile("modelchange\\.model\\.\"?(.+?)\"?\\.([^.\"]*)");

  private static final Set<String> KEYS = SettingsTable.all().stream().filter(s -> !s.perModel())
      .map(Setting::key).collect(Collectors.toUnmodifiableSet());

  /**
   * Warns about each unknown key of {@code presentKeys}, once, in alphabetical order.
   *
   * @param presentKeys the names of every property the configuration has (MicroProfile Config's
   *     {@code getPropertyNames()}), of which those outside {@code modelchange.} are skipped
   * @param values the configuration, to tell a property that stands for a real key from one that is ignored
   */
  static void warn(Iterable<String> presentKeys, Function<String, Optional<String>> values) {
    Set<String> unknown = new TreeSet<>();
    for (String key : presentKeys) {
      if (key != null && key.startsWith(ConfigKeys.PREFIX) && !isKnown(key) && !standsFor(key, values)
          && FOREIGN_ROOTS.stream().noneMatch(key::startsWith)) {
        unknown.add(key);
      }
    }
    for (String key : unknown) {
      Optional<String> nearest = nearest(key);
      if (nearest.isPresent()) {
        SettingsMessages.unknownKeyNear(key, nearest.get());
      } else {
        SettingsMessages.unknownKey(key);
      }
    }
  }

  static boolean isKnown(String key) {
    return KEYS.contains(key) || MODEL_KEY.matcher(key).matches();
  }

  /**
   * Whether {@code key} is another spelling of a real key that the configuration resolves: SmallRye Config lists
   * the environment variable {@code MODELCHANGE_RETRY_MAX_DELAY} as {@code modelchange.retry.max.delay} too, and
   * that one is read, as {@code modelchange.retry.max-delay}.
   */
  private static boolean standsFor(String key, Function<String, Optional<String>> values) {
    String environmentName = environmentName(key);
    for (String real : KEYS) {
      if (environmentName(real).equals(environmentName)) {
        try {
          return values.apply(real).isPresent();
        } catch (RuntimeException e) {
          return true; // the real key is reported when it is read
        }
      }
    }
    return false;
  }

  /** MicroProfile Config's environment variable name for {@code key}. */
  private static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** The real key nearest to {@code key}, if one is near enough to be what was meant. */
  static Optional<String> nearest(String key) {
    List<String> candidates = new ArrayList<>(KEYS);
    Matcher model = MODEL_LIKE.matcher(key);
    if (model.matches()) {
      candidates.add(ConfigKeys.modelCollection(model.group(1)));
      candidates.add(ConfigKeys.modelDatabase(model.group(1)));
    }
    // a third of what follows the root, at least 2: maxdelay, max_delay, retry.max-dealy, mongo.uri all count
    int allowed = Math.max(2, (key.length() - ConfigKeys.PREFIX.length()) / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(key, candidate);
      if (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** The Levenshtein distance: the fewest insertions, deletions and substitutions that turn a into b. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
