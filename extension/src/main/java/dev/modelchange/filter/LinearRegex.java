package dev.modelchange.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Arrays;
import org.bson.BsonValue;

/**
 * A regular expression of a filter, run by RE2/J in time linear in the input, so that no pattern can hold the
 * stream that evaluates it. MongoDB's options: {@code i} (case-insensitive), {@code m} ({@code ^}/{@code $} at
 * lines), {@code s} ({@code .} matches newlines), {@code x} (whitespace and {@code #} comments outside classes are
 * ignored: stripped here, as RE2/J has no such flag). As in MongoDB's PCRE, {@code $} and {@code \Z} without
 * {@code m} also match before a final newline. Constructs that need backtracking (backreferences, lookaround,
 * atomic groups, possessive quantifiers) are refused with the construct named. Immutable and thread-safe.
 */
final class LinearRegex {
  /** MongoDB's PCRE: {@code $} and {@code \Z} match at the end or before a final newline. */
  private static final String END_OR_BEFORE_FINAL_NEWLINE = "(?:\\n?\\z)";

  private final String pattern;
  private final String options;
  private final Pattern compiled;

  private LinearRegex(String pattern, String options, Pattern compiled) {
    this.pattern = pattern;
    this.options = options;
    this.compiled = compiled;
  }

  /**
   * Compiles a pattern with MongoDB's options.
   *
   * @param operator and {@code path} name the regex in messages
   * @throws IllegalArgumentException for an unknown option, a construct RE2/J cannot run, an invalid pattern
   */
  static LinearRegex compile(String pattern, String options, String operator, String path) {
    int flags = 0;
    boolean extended = false;
    for (char c : options.toCharArray()) {
      switch (c) {
        case 'i' -> flags |= Pattern.CASE_INSENSITIVE;
        case 'm' -> flags |= Pattern.MULTILINE;
        case 's' -> flags |= Pattern.DOTALL;
        case 'x' -> extended = true;
        default -> throw FilterMessages.unknownRegexOption(operator, path, c);
      }
    }
    if (pattern.indexOf('\0') >= 0) {
      throw FilterMessages.invalidRegex(operator, path, pattern.replace("\0", "\\0"),
          "it contains a NUL character, which MongoDB refuses too");
    }
    if (groupDepth(pattern) > DocumentFilter.MAX_DEPTH) {
      throw FilterMessages.regexTooDeep(operator, path, DocumentFilter.MAX_DEPTH);
    }
    String translated = translate(pattern, extended, (flags & Pattern.MULTILINE) != 0);
    try {
      return new LinearRegex(pattern, sorted(options), Pattern.compile(translated, flags));
    } catch (PatternSyntaxException e) {
      String construct = constructOf(e.getPattern());
      if (construct != null) {
        throw FilterMessages.unsupportedRegexConstruct(operator, path, pattern, construct, e.getPattern());
      }
      throw FilterMessages.invalidRegex(operator, path, pattern, e.getDescription() + ": " + e.getPattern());
    }
  }

  /**
   * Whether the value matches, as MongoDB's {@code $regex} does: a string (or symbol) in which the pattern is
   * found, or a regular expression with the same pattern and options.
   */
  boolean matches(BsonValue value) {
    if (value == null) {
      return false;
    }
    return switch (value.getBsonType()) {
      case STRING -> compiled.matcher(value.asString().getValue()).find();
      case SYMBOL -> compiled.matcher(value.asSymbol().getSymbol()).find();
      case REGULAR_EXPRESSION -> pattern.equals(value.asRegularExpression().getPattern())
          && options.equals(sorted(value.asRegularExpression().getOptions()));
      default -> false;
    };
  }

  /** The name of a construct that RE2/J refuses because it needs backtracking, or null. */
  private static String constructOf(String fragment) {
    if (fragment == null) {
      return null;
    }
    if (fragment.startsWith("(?=") || fragment.startsWith("(?!")) {
      return "lookahead";
    }
    if (fragment.startsWith("(?<=") || fragment.startsWith("(?<!")) {
      return "lookbehind";
    }
    if (fragment.startsWith("(?>")) {
      return "atomic group";
    }
    if (fragment.matches("\\\\[1-9kg].*")) {
      return "backreference";
    }
    if (fragment.length() >= 2 && fragment.endsWith("+")
        && "*+?}".indexOf(fragment.charAt(fragment.length() - 2)) >= 0) {
      return "possessive quantifier"; // *+ ++ ?+ {n,m}+
    }
    return null;
  }

  /**
   * The pattern in RE2's syntax: without {@code x}'s whitespace and comments, with PCRE's {@code $} and
   * {@code \Z}. Classes, escapes and {@code \Q...\E} are copied as they are.
   */
  private static String translate(String pattern, boolean extended, boolean multiline) {
    StringBuilder out = new StringBuilder(pattern.length() + 8);
    boolean dollarAtLines = multiline;
    int n = pattern.length();
    int i = 0;
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char next = pattern.charAt(i + 1);
        if (next == 'Q') {
          int end = pattern.indexOf("\\E", i + 2);
          int stop = end < 0 ? n : end + 2;
          out.append(pattern, i, stop);
          i = stop;
        } else if (next == 'Z') {
          out.append(END_OR_BEFORE_FINAL_NEWLINE);
          i += 2;
        } else if (next == ' ' && extended) {
          out.append("\\x20"); // RE2 does not take an escaped space
          i += 2;
        } else {
          out.append(c).append(next);
          i += 2;
        }
      } else if (c == '[') {
        i = copyClass(pattern, i, out);
      } else if (extended && isPatternWhiteSpace(c)) {
        i++;
      } else if (extended && c == '#') {
        int end = pattern.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '$' && !dollarAtLines) {
        out.append(END_OR_BEFORE_FINAL_NEWLINE);
        i++;
      } else {
        if (c == '(' && inlineFlagsTurnOnM(pattern, i)) {
          dollarAtLines = true; // (?m) from here on; its scope is not tracked, which only keeps $ as RE2 has it
        }
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** How deep the pattern's groups nest (RE2/J's parser overflows the stack at some thousands). */
  private static int groupDepth(String pattern) {
    int depth = 0;
    int max = 0;
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = copyClass(pattern, i, new StringBuilder()) - 1;
      } else if (c == '(') {
        max = Math.max(max, ++depth);
      } else if (c == ')') {
        depth--;
      }
    }
    return max;
  }

  /** Copies a character class from its {@code [} and returns the index after its {@code ]}. */
  private static int copyClass(String pattern, int start, StringBuilder out) {
    int n = pattern.length();
    int i = start + 1;
    if (i < n && pattern.charAt(i) == '^') {
      i++;
    }
    if (i < n && pattern.charAt(i) == ']') {
      i++; // a ] first in a class is a character
    }
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < n) {
        i += 2;
      } else if (c == '[' && i + 1 < n && pattern.charAt(i + 1) == ':') {
        int end = pattern.indexOf(":]", i + 2);
        i = end < 0 ? i + 1 : end + 2;
      } else if (c == ']') {
        i++;
        break;
      } else {
        i++;
      }
    }
    out.append(pattern, start, i);
    return i;
  }

  private static boolean inlineFlagsTurnOnM(String pattern, int open) {
    if (!pattern.startsWith("(?", open)) {
      return false;
    }
    for (int i = open + 2; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == 'm') {
        return true;
      }
      if (!Character.isLetter(c)) {
        return false; // '-' turns flags off, ':' or ')' ends them
      }
    }
    return false;
  }

  /** PCRE's white space for the x option. */
  private static boolean isPatternWhiteSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static String sorted(String options) {
    char[] chars = options.toCharArray();
    Arrays.sort(chars);
    return new String(chars);
  }

  @Override
  public String toString() {
    return "/" + pattern + "/" + options;
  }
}
