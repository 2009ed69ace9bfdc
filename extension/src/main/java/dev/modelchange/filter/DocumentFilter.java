package dev.modelchange.filter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A MongoDB query on a document's fields, evaluated in the process, so that listeners with different filters can
 * share one server cursor. Supports implicit and {@code $eq} equality, {@code $ne}, {@code $gt}, {@code $gte},
 * {@code $lt}, {@code $lte}, {@code $in}, {@code $nin}, {@code $exists}, {@code $regex} with {@code $options},
 * {@code $not}, and {@code $and}/{@code $or}/{@code $nor}, on dotted paths, and matches as MongoDB's {@code find}
 * does: arrays by element and as a whole ({@link FieldPath}), values by MongoDB's type brackets and order
 * ({@link BsonOrder}), regular expressions in linear time ({@link LinearRegex}).
 *
 * <p>Anything else, an argument of the wrong type, or a filter nested deeper than {@value #MAX_DEPTH} levels, is
 * refused when the filter is parsed, with an {@link IllegalArgumentException} naming the operator and the path.
 * Matching never throws. Immutable and thread-safe.
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
    BsonDocument own = query.clone(); // the compiled filter holds parts of it: the caller's may change
    return new DocumentFilter(own, QueryCompiler.compile(own), singleEqualityOf(own));
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
   * A key under which scalar values that {@code $eq} finds equal meet in a hash map, and only those: numbers give
   * their exact value whatever their BSON type (1, 1L, 1.0 and 1.00 meet; the double 0.1 and the decimal 0.1 do
   * not, as in MongoDB), strings and symbols their text; ObjectIds, booleans, dates and timestamps themselves.
   * Null for values that have no such key (documents, arrays, NaN, infinities, null), which are matched by
   * scanning instead.
   */
  public static Object lookupKey(BsonValue value) {
    return BsonOrder.lookupKey(value);
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

  /**
   * The values a document holds at a dotted path, as MongoDB's query matcher finds them: array elements and the
   * arrays themselves, through arrays on the way; the candidates for an equality lookup with {@link #lookupKey}.
   */
  public static List<BsonValue> valuesAt(BsonDocument document, String path) {
    return new FieldPath(path).values(document);
  }
}
