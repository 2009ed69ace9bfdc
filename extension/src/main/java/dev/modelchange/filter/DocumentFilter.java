package dev.modelchange.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonRegularExpression;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * A MongoDB query on a document's fields, evaluated in the process, so that listeners with different filters can
 * share one server cursor. Supports implicit and {@code $eq} equality (with array-element matching), {@code $ne},
 * {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}, {@code $in}, {@code $nin}, {@code $exists}, {@code $regex},
 * {@code $not}, and {@code $and}/{@code $or}/{@code $nor}, on dotted paths. Anything else is rejected when the
 * filter is parsed, with an {@link IllegalArgumentException} naming the operator. Immutable and thread-safe.
 */
public final class DocumentFilter {
  private static final DocumentFilter EMPTY = new DocumentFilter(new BsonDocument(), doc -> true, null);

  private final BsonDocument query;
  private final Predicate<BsonDocument> predicate;
  private final Map.Entry<String, BsonValue> singleEquality;

  private DocumentFilter(
      BsonDocument query, Predicate<BsonDocument> predicate, Map.Entry<String, BsonValue> singleEquality) {
    this.query = query;
    this.predicate = predicate;
    this.singleEquality = singleEquality;
  }

  /** The filter that matches every document, even a missing one. */
  public static DocumentFilter matchAll() {
    return EMPTY;
  }

  /**
   * Compiles a query.
   *
   * @throws IllegalArgumentException naming the operator or construct that is not supported
   */
  public static DocumentFilter parse(BsonDocument query) {
    if (query == null || query.isEmpty()) {
      return EMPTY;
    }
    return new DocumentFilter(query.clone(), compileQuery(query), singleEqualityOf(query));
  }

  /** Whether the filter has no condition. */
  public boolean isEmpty() {
    return this == EMPTY || query.isEmpty();
  }

  /** The query as given. */
  public BsonDocument query() {
    return query.clone();
  }

  /**
   * Whether the document matches. A missing document ({@code null}) matches only the empty filter: with no
   * document there is nothing to test the conditions against.
   */
  public boolean matches(BsonDocument document) {
    if (isEmpty()) {
      return true;
    }
    return document != null && predicate.test(document);
  }

  /**
   * When the whole filter is one equality on one path with a scalar value ({@code {userId: 7}} or
   * {@code {userId: {$eq: 7}}}), that path and value, so that listeners can be found by lookup. The value is
   * normalised for lookup with {@link #lookupKey(BsonValue)}.
   */
  public Optional<Map.Entry<String, BsonValue>> singleEquality() {
    return Optional.ofNullable(singleEquality);
  }

  /**
   * A key under which equal scalar values meet in a hash map: numbers of different BSON types that are equal
   * (1, 1L, 1.0) give the same key. Null for values that have no such key (documents, arrays, NaN, null).
   */
  public static Object lookupKey(BsonValue value) {
    if (value == null) {
      return null;
    }
    if (value.isNumber() || value.isDecimal128()) {
      java.math.BigDecimal d = numeric(value);
      return d == null ? null : d.stripTrailingZeros();
    }
    switch (value.getBsonType()) {
      case STRING:
      case OBJECT_ID:
      case BOOLEAN:
      case DATE_TIME:
      case TIMESTAMP:
        return value;
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    return query.toJson();
  }

  // --- compilation ---------------------------------------------------------------------------------------

  private static Map.Entry<String, BsonValue> singleEqualityOf(BsonDocument query) {
    if (query.size() != 1) {
      return null;
    }
    Map.Entry<String, BsonValue> e = query.entrySet().iterator().next();
    if (e.getKey().startsWith("$")) {
      return null;
    }
    BsonValue v = e.getValue();
    if (v.isDocument() && v.asDocument().size() == 1 && v.asDocument().containsKey("$eq")) {
      v = v.asDocument().get("$eq");
    }
    return lookupKey(v) == null ? null : Map.entry(e.getKey(), v);
  }

  private static Predicate<BsonDocument> compileQuery(BsonDocument query) {
    List<Predicate<BsonDocument>> parts = new ArrayList<>();
    for (Map.Entry<String, BsonValue> e : query.entrySet()) {
      String key = e.getKey();
      switch (key) {
        case "$and":
          parts.add(all(subQueries(key, e.getValue())));
          break;
        case "$or":
          parts.add(any(subQueries(key, e.getValue())));
          break;
        case "$nor":
          parts.add(any(subQueries(key, e.getValue())).negate());
          break;
        default:
          if (key.startsWith("$")) {
            throw FilterMessages.unsupportedOperator(key, "");
          }
          parts.add(compileField(key, e.getValue()));
      }
    }
    return all(parts);
  }

  private static List<Predicate<BsonDocument>> subQueries(String operator, BsonValue value) {
    if (!value.isArray() || value.asArray().isEmpty()) {
      throw FilterMessages.logicalNeedsQueries(operator, "", value);
    }
    List<Predicate<BsonDocument>> list = new ArrayList<>();
    for (BsonValue v : value.asArray()) {
      if (!v.isDocument()) {
        throw FilterMessages.logicalNeedsQueries(operator, "", v);
      }
      list.add(compileQuery(v.asDocument()));
    }
    return list;
  }

  private static Predicate<BsonDocument> compileField(String path, BsonValue condition) {
    String[] segments = path.split("\\.");
    if (condition.isDocument() && isOperatorDocument(condition.asDocument())) {
      List<Predicate<BsonDocument>> parts = new ArrayList<>();
      BsonDocument ops = condition.asDocument();
      for (Map.Entry<String, BsonValue> op : ops.entrySet()) {
        parts.add(compileOperator(segments, op.getKey(), op.getValue(), ops));
      }
      return all(parts);
    }
    if (condition.getBsonType() == BsonType.REGULAR_EXPRESSION) {
      Pattern p = pattern(condition.asRegularExpression(), path);
      return doc -> anyCandidate(doc, segments, v -> v.isString() && p.matcher(v.asString().getValue()).find());
    }
    return doc -> equalsAny(doc, segments, condition);
  }

  private static boolean isOperatorDocument(BsonDocument d) {
    return !d.isEmpty() && d.getFirstKey().startsWith("$");
  }

  private static Predicate<BsonDocument> compileOperator(
      String[] path, String op, BsonValue arg, BsonDocument all) {
    switch (op) {
      case "$eq":
        return doc -> equalsAny(doc, path, arg);
      case "$ne":
        return doc -> !equalsAny(doc, path, arg);
      case "$gt":
        return doc -> anyCandidate(doc, path, v -> comparable(v, arg) && compare(v, arg) > 0);
      case "$gte":
        return doc -> anyCandidate(doc, path, v -> comparable(v, arg) && compare(v, arg) >= 0);
      case "$lt":
        return doc -> anyCandidate(doc, path, v -> comparable(v, arg) && compare(v, arg) < 0);
      case "$lte":
        return doc -> anyCandidate(doc, path, v -> comparable(v, arg) && compare(v, arg) <= 0);
      case "$in":
        return inPredicate(path, op, arg);
      case "$nin":
        return inPredicate(path, op, arg).negate();
      case "$exists":
        boolean wanted = arg.isBoolean() ? arg.asBoolean().getValue() : !(arg.isNumber() && numeric(arg).signum() == 0);
        return doc -> !resolve(doc, path).isEmpty() == wanted;
      case "$regex":
        String options = all.containsKey("$options") ? all.getString("$options").getValue() : "";
        Pattern p = arg.getBsonType() == BsonType.REGULAR_EXPRESSION
            ? pattern(arg.asRegularExpression(), String.join(".", path))
            : pattern(new BsonRegularExpression(arg.asString().getValue(), options), String.join(".", path));
        return doc -> anyCandidate(doc, path, v -> v.isString() && p.matcher(v.asString().getValue()).find());
      case "$options":
        if (!all.containsKey("$regex")) {
          throw FilterMessages.optionsWithoutRegex(String.join(".", path));
        }
        return doc -> true;
      case "$not":
        if (arg.isDocument() && isOperatorDocument(arg.asDocument())) {
          return compileField(String.join(".", path), arg).negate();
        }
        if (arg.getBsonType() == BsonType.REGULAR_EXPRESSION) {
          return compileField(String.join(".", path), arg).negate();
        }
        throw FilterMessages.wrongArgument(op, String.join(".", path),
            "an operator document or a regular expression", arg);
      default:
        throw FilterMessages.unsupportedOperator(op, String.join(".", path));
    }
  }

  private static Predicate<BsonDocument> inPredicate(String[] path, String op, BsonValue arg) {
    if (!arg.isArray()) {
      throw FilterMessages.wrongArgument(op, String.join(".", path), "an array", arg);
    }
    BsonArray values = arg.asArray();
    return doc -> {
      for (BsonValue v : values) {
        if (equalsAny(doc, path, v)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Pattern pattern(BsonRegularExpression re, String path) {
    int flags = 0;
    for (char c : re.getOptions().toCharArray()) {
      switch (c) {
        case 'i':
          flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
          break;
        case 'm':
          flags |= Pattern.MULTILINE;
          break;
        case 's':
          flags |= Pattern.DOTALL;
          break;
        case 'x':
          flags |= Pattern.COMMENTS;
          break;
        default:
          throw FilterMessages.unknownRegexOption("$regex", path, c);
      }
    }
    return Pattern.compile(re.getPattern(), flags);
  }

  private static Predicate<BsonDocument> all(List<Predicate<BsonDocument>> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return doc -> {
      for (Predicate<BsonDocument> p : parts) {
        if (!p.test(doc)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<BsonDocument> any(List<Predicate<BsonDocument>> parts) {
    return doc -> {
      for (Predicate<BsonDocument> p : parts) {
        if (p.test(doc)) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * The scalar values a document holds at a dotted path, array elements included, as MongoDB's equality sees
   * them: the candidates for an equality lookup.
   */
  public static List<BsonValue> valuesAt(BsonDocument document, String path) {
    List<BsonValue> found = resolve(document, path.split("\\."));
    List<BsonValue> out = new ArrayList<>(found.size());
    for (BsonValue v : found) {
      if (v.isArray()) {
        out.addAll(v.asArray());
      }
      out.add(v);
    }
    return out;
  }

  // --- evaluation ----------------------------------------------------------------------------------------

  /** The values at a dotted path; arrays on the way are traversed element by element, as MongoDB does. */
  private static List<BsonValue> resolve(BsonDocument doc, String[] path) {
    List<BsonValue> out = new ArrayList<>(1);
    collect(doc, path, 0, out);
    return out;
  }

  private static void collect(BsonValue current, String[] path, int i, List<BsonValue> out) {
    if (i == path.length) {
      out.add(current);
      return;
    }
    if (current.isDocument()) {
      BsonValue next = current.asDocument().get(path[i]);
      if (next != null) {
        collect(next, path, i + 1, out);
      }
    } else if (current.isArray()) {
      String segment = path[i];
      if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
        int index = Integer.parseInt(segment);
        if (index < current.asArray().size()) {
          collect(current.asArray().get(index), path, i + 1, out);
        }
      } else {
        for (BsonValue element : current.asArray()) {
          if (element.isDocument()) {
            collect(element, path, i, out);
          }
        }
      }
    }
  }

  /** Whether a value at the path (or an element of an array there) satisfies the test. */
  private static boolean anyCandidate(BsonDocument doc, String[] path, Predicate<BsonValue> test) {
    for (BsonValue v : resolve(doc, path)) {
      if (test.test(v)) {
        return true;
      }
      if (v.isArray()) {
        for (BsonValue element : v.asArray()) {
          if (test.test(element)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean equalsAny(BsonDocument doc, String[] path, BsonValue wanted) {
    List<BsonValue> found = resolve(doc, path);
    if (wanted.isNull() && found.isEmpty()) {
      return true; // {a: null} matches a missing field
    }
    for (BsonValue v : found) {
      if (bsonEquals(v, wanted)) {
        return true;
      }
      if (v.isArray()) {
        for (BsonValue element : v.asArray()) {
          if (bsonEquals(element, wanted)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean bsonEquals(BsonValue a, BsonValue b) {
    if ((a.isNumber() || a.isDecimal128()) && (b.isNumber() || b.isDecimal128())) {
      return compare(a, b) == 0;
    }
    if (a instanceof BsonNull || b instanceof BsonNull) {
      return a.isNull() && b.isNull();
    }
    return a.equals(b);
  }

  private static final int NOT_COMPARABLE = Integer.MIN_VALUE;

  private static boolean comparable(BsonValue a, BsonValue b) {
    return compare(a, b) != NOT_COMPARABLE;
  }

  /** Compares values of the same kind; values of different kinds never satisfy a comparison. */
  private static int compare(BsonValue a, BsonValue b) {
    if ((a.isNumber() || a.isDecimal128()) && (b.isNumber() || b.isDecimal128())) {
      java.math.BigDecimal x = numeric(a);
      java.math.BigDecimal y = numeric(b);
      return x == null || y == null ? NOT_COMPARABLE : x.compareTo(y);
    }
    if (a.getBsonType() != b.getBsonType()) {
      return NOT_COMPARABLE;
    }
    switch (a.getBsonType()) {
      case STRING:
        return Integer.signum(a.asString().getValue().compareTo(b.asString().getValue()));
      case OBJECT_ID:
        return a.asObjectId().getValue().compareTo(b.asObjectId().getValue());
      case BOOLEAN:
        return Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
      case DATE_TIME:
        return Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
      case TIMESTAMP:
        return a.asTimestamp().compareTo(b.asTimestamp());
      default:
        return NOT_COMPARABLE;
    }
  }

  private static java.math.BigDecimal numeric(BsonValue v) {
    switch (v.getBsonType()) {
      case INT32:
        return java.math.BigDecimal.valueOf(v.asInt32().getValue());
      case INT64:
        return java.math.BigDecimal.valueOf(v.asInt64().getValue());
      case DOUBLE:
        double d = v.asDouble().getValue();
        return Double.isFinite(d) ? new java.math.BigDecimal(d) : null;
      case DECIMAL128:
        Decimal128 dec = v.asDecimal128().getValue();
        return dec.isFinite() ? dec.bigDecimalValue() : null;
      default:
        return null;
    }
  }
}
