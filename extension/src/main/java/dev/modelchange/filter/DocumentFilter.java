package dev.modelchange.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
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
  /**
   * How deep a filter may nest: the query document is level 1, and each document or array inside it one more
   * (as MongoDB counts a document's depth). Also the most components a dotted path and the deepest groups a
   * regular expression may have. Deeper filters are refused when parsed (MODELCHANGE-131, -132, -133), so that
   * neither parsing nor matching can overflow the stack.
   */
  static final int MAX_DEPTH = 100;
  private static final DocumentFilter EMPTY = new DocumentFilter(new BsonDocument(), doc -> true, null);

  private final BsonDocument query;
  private final Predicate<BsonDocument> predicate;
  private final Map.Entry<String, BsonValue> singleEquality;
  private final AtomicBoolean failureReported = new AtomicBoolean();

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
    requireDepthWithin(query, 1, null);
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
   * document there is nothing to test the conditions against. Never throws: a document on which the filter cannot
   * be evaluated (one whose lazy bytes cannot be read, say) does not match, and the first such failure of each
   * filter is logged at DEBUG (MODELCHANGE-130).
   */
  public boolean matches(BsonDocument document) {
    if (isEmpty()) {
      return true;
    }
    if (document == null) {
      return false;
    }
    try {
      return predicate.test(document);
    } catch (RuntimeException e) {
      if (failureReported.compareAndSet(false, true)) {
        FilterMessages.evaluationFailed(toString(), e);
      }
      return false;
    }
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

  /**
   * Refuses a value nested deeper than {@link #MAX_DEPTH}, before anything recursive (cloning, compiling) sees
   * it; recurses at most {@code MAX_DEPTH} levels itself.
   */
  private static void requireDepthWithin(BsonValue value, int level, String topKey) {
    if ((value.isDocument() || value.isArray()) && level > MAX_DEPTH) {
      throw FilterMessages.nestingTooDeep(MAX_DEPTH, topKey);
    }
    if (value.isDocument()) {
      for (Map.Entry<String, BsonValue> e : value.asDocument().entrySet()) {
        requireDepthWithin(e.getValue(), level + 1, topKey == null ? e.getKey() : topKey);
      }
    } else if (value.isArray()) {
      for (BsonValue element : value.asArray()) {
        requireDepthWithin(element, level + 1, topKey);
      }
    }
  }

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
    int components = FieldPath.length(path);
    if (components > MAX_DEPTH) {
      throw FilterMessages.pathTooLong(path, components, MAX_DEPTH);
    }
    FieldPath segments = new FieldPath(path);
    if (condition.isDocument() && isOperatorDocument(condition.asDocument())) {
      List<Predicate<BsonDocument>> parts = new ArrayList<>();
      BsonDocument ops = condition.asDocument();
      for (Map.Entry<String, BsonValue> op : ops.entrySet()) {
        parts.add(compileOperator(segments, op.getKey(), op.getValue(), ops));
      }
      return all(parts);
    }
    if (condition.getBsonType() == BsonType.REGULAR_EXPRESSION) {
      LinearRegex p = regex(condition.asRegularExpression(), "$regex", path);
      return doc -> anyCandidate(doc, segments, p::matches);
    }
    return doc -> equalsAny(doc, segments, condition);
  }

  private static boolean isOperatorDocument(BsonDocument d) {
    return !d.isEmpty() && d.getFirstKey().startsWith("$");
  }

  private static Predicate<BsonDocument> compileOperator(
      FieldPath path, String op, BsonValue arg, BsonDocument all) {
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
        return doc -> path.anyMatch(doc, v -> v != null) == wanted;
      case "$regex":
        String options = all.containsKey("$options") ? all.getString("$options").getValue() : "";
        LinearRegex p = arg.getBsonType() == BsonType.REGULAR_EXPRESSION
            ? regex(arg.asRegularExpression(), op, path.dotted())
            : regex(new BsonRegularExpression(arg.asString().getValue(), options), op, path.dotted());
        return doc -> anyCandidate(doc, path, p::matches);
      case "$options":
        if (!all.containsKey("$regex")) {
          throw FilterMessages.optionsWithoutRegex(path.dotted());
        }
        return doc -> true;
      case "$not":
        if (arg.isDocument() && isOperatorDocument(arg.asDocument())) {
          return compileField(path.dotted(), arg).negate();
        }
        if (arg.getBsonType() == BsonType.REGULAR_EXPRESSION) {
          return compileField(path.dotted(), arg).negate();
        }
        throw FilterMessages.wrongArgument(op, path.dotted(),
            "an operator document or a regular expression", arg);
      default:
        throw FilterMessages.unsupportedOperator(op, path.dotted());
    }
  }

  private static Predicate<BsonDocument> inPredicate(FieldPath path, String op, BsonValue arg) {
    if (!arg.isArray()) {
      throw FilterMessages.wrongArgument(op, path.dotted(), "an array", arg);
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

  private static LinearRegex regex(BsonRegularExpression re, String operator, String path) {
    return LinearRegex.compile(re.getPattern(), re.getOptions(), operator, path);
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
   * The values a document holds at a dotted path, as MongoDB's query matcher finds them: array elements and the
   * arrays themselves, through arrays on the way; the candidates for an equality lookup with {@link #lookupKey}.
   */
  public static List<BsonValue> valuesAt(BsonDocument document, String path) {
    return new FieldPath(path).values(document);
  }

  // --- evaluation ----------------------------------------------------------------------------------------

  /** Whether a value at the path satisfies the test; a missing value never does. */
  private static boolean anyCandidate(BsonDocument doc, FieldPath path, Predicate<BsonValue> test) {
    return path.anyMatch(doc, v -> v != null && test.test(v));
  }

  private static boolean equalsAny(BsonDocument doc, FieldPath path, BsonValue wanted) {
    return path.anyMatch(doc, v -> v == null ? wanted.isNull() : bsonEquals(v, wanted));
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
        if (!dec.isFinite()) {
          return null;
        }
        if (dec.isNegative()) {
          // the magnitude, negated: Decimal128.bigDecimalValue() refuses -0, which is 0
          return Decimal128.fromIEEE754BIDEncoding(dec.getHigh() & Long.MAX_VALUE, dec.getLow()).bigDecimalValue()
              .negate();
        }
        return dec.bigDecimalValue();
      default:
        return null;
    }
  }
}
