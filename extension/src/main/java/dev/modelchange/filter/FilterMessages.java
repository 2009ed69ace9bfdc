package dev.modelchange.filter;

import dev.modelchange.logging.MessageCode;
import dev.modelchange.logging.Messages;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The messages of the filter package, one method per message and code (030-039, 130-139). Exceptions are
 * {@link IllegalArgumentException}s naming the operator and the path; the engine wraps them in its own codes
 * (MODELCHANGE-014 for an observer's filter, -046 for a listener's).
 */
final class FilterMessages {
  /** What the filter evaluates; named in every message about an unsupported operator. */
  static final String SUPPORTED = "$eq $ne $gt $gte $lt $lte $in $nin $exists $regex $options $not $and $or $nor";

  private static final Logger LOG = System.getLogger(DocumentFilter.class.getName());
  private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private FilterMessages() {}

  @MessageCode(30)
  static IllegalArgumentException unsupportedOperator(String operator, String path) {
    return new IllegalArgumentException(Messages.coded(30, "The query operator " + operator + at(path)
        + " is not supported in ModelChange filters (supported: " + SUPPORTED + "). Use a server-side pipeline "
        + "stage ($match on fullDocument.<field>) for it instead."));
  }

  @MessageCode(31)
  static IllegalArgumentException logicalNeedsQueries(String operator, String path, BsonValue got) {
    return new IllegalArgumentException(Messages.coded(31, operator + at(path)
        + " needs a non-empty array of query documents, not " + describe(got) + ". Write it as "
        + operator + ": [{...}, {...}]."));
  }

  @MessageCode(32)
  static IllegalArgumentException wrongArgument(String operator, String path, String expected, BsonValue got) {
    return new IllegalArgumentException(Messages.coded(32, operator + at(path) + " needs " + expected + ", not "
        + describe(got) + "."));
  }

  @MessageCode(33)
  static IllegalArgumentException optionsWithoutRegex(String path) {
    return new IllegalArgumentException(Messages.coded(33, "$options" + at(path)
        + " needs $regex beside it in the same operator document: {\"$regex\": \"...\", \"$options\": \"i\"}."));
  }

  @MessageCode(34)
  static IllegalArgumentException unknownRegexOption(String operator, String path, char option) {
    return new IllegalArgumentException(Messages.coded(34, operator + at(path) + " has the regular expression "
        + "option '" + option + "', which MongoDB does not have. Use i, m, s or x."));
  }

  @MessageCode(35)
  static IllegalArgumentException unsupportedRegexConstruct(String operator, String path, String pattern,
      String construct, String fragment) {
    return new IllegalArgumentException(Messages.coded(35, operator + at(path) + ": the regular expression "
        + shown(pattern) + " uses a " + construct + " (" + fragment + "), which ModelChange does not evaluate: it "
        + "runs regular expressions in linear time (RE2/J), so that no pattern can hold a stream. Rewrite it "
        + "without the " + construct + ", or filter on the server with a $match stage on fullDocument.<field>."));
  }

  @MessageCode(36)
  static IllegalArgumentException invalidRegex(String operator, String path, String pattern, String reason) {
    return new IllegalArgumentException(Messages.coded(36, operator + at(path) + ": the regular expression "
        + shown(pattern) + " is not valid: " + reason + "."));
  }

  /**
   * Logs, at DEBUG, that a filter could not be evaluated on a document and so does not match it. Called once per
   * filter: a filter that fails on one document is likely to fail on the next ones too.
   */
  @MessageCode(130)
  static void evaluationFailed(String filter, RuntimeException cause) {
    LOG.log(Level.DEBUG, () -> Messages.coded(130, "The filter "
        + (filter.length() > 300 ? filter.substring(0, 300) + "..." : filter) + " could not be evaluated on a "
        + "document (" + cause + "), so the document does not match it. Said once per filter; later documents on "
        + "which it fails do not match either, silently. Check the documents of the collection, or report the "
        + "document's shape with this message."), cause);
  }

  @MessageCode(37)
  static IllegalArgumentException fieldBesideOperators(String path, String field) {
    return new IllegalArgumentException(Messages.coded(37, "The operator document at path '" + path
        + "' also has the field '" + field + "', which is no operator: a document whose first field starts "
        + "with $ holds only operators. To match an embedded document, write its fields first; to reach into it, "
        + "use a dotted path ('" + path + "." + field + "')."));
  }

  @MessageCode(38)
  static IllegalArgumentException operatorInsideIn(String operator, String path, String nested) {
    return new IllegalArgumentException(Messages.coded(38, operator + at(path) + " holds an operator document ("
        + nested + "): " + operator + " takes values and regular expressions only. Combine conditions with $or."));
  }

  @MessageCode(39)
  static IllegalArgumentException optionsTwice(String path) {
    return new IllegalArgumentException(Messages.coded(39, "$options" + at(path) + " is given beside a $regex that "
        + "is a regular expression with options of its own. Give the options in one place."));
  }

  @MessageCode(131)
  static IllegalArgumentException nestingTooDeep(int limit, String under) {
    return new IllegalArgumentException(Messages.coded(131, "The filter nests deeper than " + limit + " levels"
        + (under == null ? "" : " (under " + under + ")") + ": each document or array inside the query is a level. "
        + "Flatten it: $and and $or take many conditions in one array, and a dotted path reaches into embedded "
        + "documents."));
  }

  @MessageCode(132)
  static IllegalArgumentException pathTooLong(String path, int components, int limit) {
    return new IllegalArgumentException(Messages.coded(132, "The path '"
        + (path.length() > 60 ? path.substring(0, 60) + "..." : path) + "' has " + components
        + " components; a filter's paths may have at most " + limit + "."));
  }

  @MessageCode(133)
  static IllegalArgumentException regexTooDeep(String operator, String path, int limit) {
    return new IllegalArgumentException(Messages.coded(133, operator + at(path) + ": the regular expression nests "
        + "groups deeper than " + limit + " levels. Flatten its groups."));
  }

  /** A pattern between slashes, cut short. */
  private static String shown(String pattern) {
    return "/" + (pattern.length() > 80 ? pattern.substring(0, 80) + "..." : pattern) + "/";
  }

  /** " at path 'a.b'", or nothing for the top level. */
  private static String at(String path) {
    return path == null || path.isEmpty() ? "" : " at path '" + path + "'";
  }

  /** A value as a message shows it: its BSON type and a short rendering. */
  private static String describe(BsonValue value) {
    if (value == null) {
      return "nothing";
    }
    String type = value.getBsonType().name().toLowerCase(Locale.ROOT);
    String shown;
    if (value.isDocument()) {
      shown = value.asDocument().isEmpty() ? "{}" : "{...}";
    } else if (value.isArray()) {
      shown = value.asArray().isEmpty() ? "[]" : "[...]";
    } else {
      // a scalar: as relaxed extended JSON, cut short
      String json = new BsonDocument("v", value).toJson(RELAXED);
      shown = json.substring(json.indexOf(':') + 1, json.length() - 1).trim();
    }
    return type + " " + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown);
  }
}
