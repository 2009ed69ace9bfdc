package dev.modelchange.filter;

import java.math.BigDecimal;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/** How the filter compares BSON values. */
final class BsonOrder {
  static final int NOT_COMPARABLE = Integer.MIN_VALUE;

  private BsonOrder() {}

  static boolean queryEquals(BsonValue a, BsonValue b) {
    if ((a.isNumber() || a.isDecimal128()) && (b.isNumber() || b.isDecimal128())) {
      return compare(a, b) == 0;
    }
    if (a instanceof BsonNull || b instanceof BsonNull) {
      return a.isNull() && b.isNull();
    }
    return a.equals(b);
  }

  static boolean comparable(BsonValue a, BsonValue b) {
    return compare(a, b) != NOT_COMPARABLE;
  }

  /** Compares values of the same kind; values of different kinds never satisfy a comparison. */
  static int compare(BsonValue a, BsonValue b) {
    if ((a.isNumber() || a.isDecimal128()) && (b.isNumber() || b.isDecimal128())) {
      BigDecimal x = numeric(a);
      BigDecimal y = numeric(b);
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

  static boolean isNaN(BsonValue v) {
    return v.isDouble() && Double.isNaN(v.asDouble().getValue())
        || v.isDecimal128() && v.asDecimal128().getValue().isNaN();
  }

  static boolean isZero(BsonValue v) {
    BigDecimal d = numeric(v);
    return d != null && d.signum() == 0;
  }

  static BigDecimal numeric(BsonValue v) {
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
}
