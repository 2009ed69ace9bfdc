package dev.modelchange.filter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * BSON values compared as MongoDB's query matcher compares them (the manual's "Comparison/Sort Order"). Values
 * are ranked by type bracket first: MinKey, then null (with undefined and a missing value), numbers, strings
 * (and symbols), documents, arrays, binary data, ObjectIds, booleans, dates, timestamps, regular expressions,
 * DB pointers, JavaScript, JavaScript with scope, MaxKey. Within a bracket: numbers by exact value whatever their
 * types (NaN below every number and equal to NaN, then -Infinity), strings by code points, documents field by
 * field in their order (type, then name, then value) and then by length, arrays element by element and then by
 * length. Recursion goes as deep as the shallower of the two values.
 */
final class BsonOrder {
  /** The query comparisons, as MongoDB's {@code ComparisonMatchExpression} evaluates them. */
  enum Comparison {
    EQ, LT, LTE, GT, GTE
  }

  private static final int RANK_MISSING = 0;
  private static final int RANK_NULL = 5;
  private static final int RANK_NUMBER = 10;

  private BsonOrder() {}

  /**
   * Whether {@code value} (null: missing) satisfies {@code value <op> bound}, with MongoDB's type bracketing:
   * values of different brackets never compare, except that null matches a missing (or undefined) value for
   * {@code $eq}, {@code $lte} and {@code $gte}, and MinKey and MaxKey bounds compare with everything. NaN equals
   * NaN and is otherwise neither less nor greater than anything.
   */
  static boolean satisfies(Comparison op, BsonValue value, BsonValue bound) {
    int valueRank = value == null ? RANK_MISSING : rank(value);
    int boundRank = rank(bound);
    if (valueRank != boundRank) {
      if (valueRank + boundRank == RANK_MISSING + RANK_NULL) {
        return op == Comparison.EQ || op == Comparison.LTE || op == Comparison.GTE;
      }
      BsonType boundType = bound.getBsonType();
      if (boundType == BsonType.MAX_KEY) {
        return op == Comparison.LT || op == Comparison.LTE;
      }
      if (boundType == BsonType.MIN_KEY) {
        return op == Comparison.GT || op == Comparison.GTE;
      }
      return false;
    }
    if (value == null) {
      return false; // only an undefined bound would share the missing value's bracket, and parsing refuses it
    }
    if (op != Comparison.EQ && (isNaN(value) || isNaN(bound))) {
      boolean both = isNaN(value) && isNaN(bound);
      return (op == Comparison.LTE || op == Comparison.GTE) && both;
    }
    int c = compare(value, bound);
    return switch (op) {
      case EQ -> c == 0;
      case LT -> c < 0;
      case LTE -> c <= 0;
      case GT -> c > 0;
      case GTE -> c >= 0;
    };
  }

  /** Whether two present values are equal in a query (same bracket, equal by {@link #compare}). */
  static boolean equal(BsonValue a, BsonValue b) {
    return rank(a) == rank(b) && compare(a, b) == 0;
  }

  /** The total BSON order: negative, zero or positive as {@code a} sorts before, with or after {@code b}. */
  static int compare(BsonValue a, BsonValue b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (a.getBsonType()) {
      case MIN_KEY, MAX_KEY, NULL, UNDEFINED -> 0;
      case INT32, INT64, DOUBLE, DECIMAL128 -> compareNumbers(a, b);
      case STRING, SYMBOL -> compareCodePoints(text(a), text(b));
      case DOCUMENT -> compareDocuments(a.asDocument(), b.asDocument());
      case ARRAY -> compareArrays(a.asArray(), b.asArray());
      case BINARY -> compareBinaries(a.asBinary(), b.asBinary());
      case OBJECT_ID -> compareBytes(a.asObjectId().getValue().toByteArray(), b.asObjectId().getValue().toByteArray());
      case BOOLEAN -> Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
      case DATE_TIME -> Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
      case TIMESTAMP -> Long.compareUnsigned(a.asTimestamp().getValue(), b.asTimestamp().getValue());
      case REGULAR_EXPRESSION -> compareRegexes(a, b);
      case DB_POINTER -> compareDbPointers(a, b);
      case JAVASCRIPT -> compareCodePoints(a.asJavaScript().getCode(), b.asJavaScript().getCode());
      case JAVASCRIPT_WITH_SCOPE -> {
        int c = compareCodePoints(a.asJavaScriptWithScope().getCode(), b.asJavaScriptWithScope().getCode());
        yield c != 0 ? c : compareDocuments(a.asJavaScriptWithScope().getScope(), b.asJavaScriptWithScope().getScope());
      }
      default -> 0;
    };
  }

  /** MongoDB's canonical type rank: the type bracket. */
  static int rank(BsonValue v) {
    return switch (v.getBsonType()) {
      case MIN_KEY -> -1;
      case END_OF_DOCUMENT, UNDEFINED -> RANK_MISSING;
      case NULL -> RANK_NULL;
      case INT32, INT64, DOUBLE, DECIMAL128 -> RANK_NUMBER;
      case STRING, SYMBOL -> 15;
      case DOCUMENT -> 20;
      case ARRAY -> 25;
      case BINARY -> 30;
      case OBJECT_ID -> 35;
      case BOOLEAN -> 40;
      case DATE_TIME -> 45;
      case TIMESTAMP -> 47;
      case REGULAR_EXPRESSION -> 50;
      case DB_POINTER -> 55;
      case JAVASCRIPT -> 60;
      case JAVASCRIPT_WITH_SCOPE -> 65;
      case MAX_KEY -> 127;
    };
  }

  static boolean isNumber(BsonValue v) {
    return v.isNumber() || v.isDecimal128();
  }

  static boolean isNaN(BsonValue v) {
    return v.isDouble() && Double.isNaN(v.asDouble().getValue())
        || v.isDecimal128() && v.asDecimal128().getValue().isNaN();
  }

  /** Whether a number is zero (of any sign); false for NaN and infinities. */
  static boolean isZero(BsonValue v) {
    BigDecimal d = finite(v);
    return d != null && d.signum() == 0;
  }

  /**
   * A key under which values equal in a query meet in a hash map, or null for values that have none (NaN,
   * infinities, null, documents, arrays and the rarer types, which are matched by scanning). Numbers of any type
   * give their exact value, so 1, 1L, 1.0 and 1.00 meet, and the double 0.1 does not meet the decimal 0.1; a
   * symbol gives the same key as the string it spells.
   */
  static Object lookupKey(BsonValue v) {
    if (v == null) {
      return null;
    }
    return switch (v.getBsonType()) {
      case INT32, INT64, DOUBLE, DECIMAL128 -> {
        BigDecimal d = finite(v);
        yield d == null ? null : d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      }
      case STRING, SYMBOL -> text(v);
      case OBJECT_ID, BOOLEAN, DATE_TIME, TIMESTAMP -> v;
      default -> null;
    };
  }

  /** The exact value of a finite number, or null for NaN, infinities and non-numbers. */
  static BigDecimal finite(BsonValue v) {
    switch (v.getBsonType()) {
      case INT32:
        return BigDecimal.valueOf(v.asInt32().getValue());
      case INT64:
        return BigDecimal.valueOf(v.asInt64().getValue());
      case DOUBLE:
        double d = v.asDouble().getValue();
        return Double.isFinite(d) ? new BigDecimal(d) : null;
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

  /** NaN, then -Infinity, the finite numbers by exact value, +Infinity. */
  private static int compareNumbers(BsonValue a, BsonValue b) {
    BsonType ta = a.getBsonType();
    BsonType tb = b.getBsonType();
    if ((ta == BsonType.INT32 || ta == BsonType.INT64) && (tb == BsonType.INT32 || tb == BsonType.INT64)) {
      return Long.compare(a.asNumber().longValue(), b.asNumber().longValue());
    }
    int ca = numberClass(a);
    int cb = numberClass(b);
    if (ca != cb || ca != FINITE) {
      return Integer.compare(ca, cb);
    }
    if (ta == BsonType.DOUBLE && tb == BsonType.DOUBLE) {
      double x = a.asDouble().getValue();
      double y = b.asDouble().getValue();
      return x < y ? -1 : x > y ? 1 : 0; // -0.0 == 0.0
    }
    return finite(a).compareTo(finite(b));
  }

  private static final int NAN = 0;
  private static final int NEGATIVE_INFINITY = 1;
  private static final int FINITE = 2;
  private static final int POSITIVE_INFINITY = 3;

  private static int numberClass(BsonValue v) {
    if (v.isDouble()) {
      double d = v.asDouble().getValue();
      return Double.isNaN(d) ? NAN : d == Double.NEGATIVE_INFINITY ? NEGATIVE_INFINITY
          : d == Double.POSITIVE_INFINITY ? POSITIVE_INFINITY : FINITE;
    }
    if (v.isDecimal128()) {
      Decimal128 d = v.asDecimal128().getValue();
      return d.isNaN() ? NAN : d.isInfinite() ? (d.isNegative() ? NEGATIVE_INFINITY : POSITIVE_INFINITY) : FINITE;
    }
    return FINITE;
  }

  private static String text(BsonValue v) {
    return v.isSymbol() ? v.asSymbol().getSymbol() : v.asString().getValue();
  }

  /** Code point order, which is the byte order of UTF-8 that MongoDB compares (not Java's UTF-16 order). */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** Field by field in document order: the value's bracket, then the field name, then the value. */
  private static int compareDocuments(BsonDocument a, BsonDocument b) {
    var ia = a.entrySet().iterator();
    var ib = b.entrySet().iterator();
    while (ia.hasNext() && ib.hasNext()) {
      var ea = ia.next();
      var eb = ib.next();
      int c = Integer.compare(rank(ea.getValue()), rank(eb.getValue()));
      if (c == 0) {
        c = compareCodePoints(ea.getKey(), eb.getKey());
      }
      if (c == 0) {
        c = compare(ea.getValue(), eb.getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(ia.hasNext(), ib.hasNext());
  }

  private static int compareArrays(java.util.List<BsonValue> a, java.util.List<BsonValue> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Length, then subtype, then the bytes. */
  private static int compareBinaries(BsonBinary a, BsonBinary b) {
    int c = Integer.compare(a.getData().length, b.getData().length);
    if (c == 0) {
      c = Integer.compare(a.getType() & 0xff, b.getType() & 0xff);
    }
    return c != 0 ? c : compareBytes(a.getData(), b.getData());
  }

  private static int compareRegexes(BsonValue a, BsonValue b) {
    int c = compareCodePoints(a.asRegularExpression().getPattern(), b.asRegularExpression().getPattern());
    return c != 0 ? c : compareCodePoints(a.asRegularExpression().getOptions(), b.asRegularExpression().getOptions());
  }

  private static int compareDbPointers(BsonValue a, BsonValue b) {
    String na = a.asDBPointer().getNamespace();
    String nb = b.asDBPointer().getNamespace();
    int c = Integer.compare(na.getBytes(StandardCharsets.UTF_8).length, nb.getBytes(StandardCharsets.UTF_8).length);
    if (c == 0) {
      c = compareCodePoints(na, nb);
    }
    return c != 0 ? c : compareBytes(a.asDBPointer().getId().toByteArray(), b.asDBPointer().getId().toByteArray());
  }

  private static int compareBytes(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }
}
