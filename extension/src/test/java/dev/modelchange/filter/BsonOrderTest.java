package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** The BSON order of the manual's "Comparison/Sort Order", across types and within numbers. */
class BsonOrderTest {
  /** In MongoDB's order: each value sorts after the ones before it. */
  private static final List<BsonValue> ORDERED = List.of(
      new BsonMinKey(), BsonNull.VALUE,
      new BsonDouble(Double.NaN), new BsonDouble(Double.NEGATIVE_INFINITY),
      new BsonInt64(Long.MIN_VALUE), new BsonDouble(-1.5), new BsonInt32(-1),
      new BsonDecimal128(Decimal128.parse("-0.1")), new BsonInt32(0), new BsonDouble(0.1),
      new BsonDecimal128(Decimal128.parse("0.1000000000000000055511151231257828")),
      new BsonInt64(9_007_199_254_740_992L), new BsonInt64(9_007_199_254_740_993L),
      new BsonDecimal128(Decimal128.parse("1E+400")), new BsonDecimal128(Decimal128.POSITIVE_INFINITY),
      new BsonString(""), new BsonString("Z"), new BsonString("a"), new BsonString("\uFFFD"),
      new BsonString("\uD83D\uDE00"),
      new BsonDocument(), BsonDocument.parse("{\"a\": 1}"), BsonDocument.parse("{\"a\": 1, \"b\": 0}"),
      // the field's type bracket counts before its name: {b: 0} before {a: "x"}
      BsonDocument.parse("{\"b\": 0}"), BsonDocument.parse("{\"a\": \"x\"}"),
      new BsonArray(), new BsonArray(List.of(new BsonInt32(1))),
      new BsonArray(List.of(new BsonInt32(1), new BsonInt32(0))), new BsonArray(List.of(new BsonInt32(2))),
      new BsonBinary(new byte[] {9}), new BsonBinary(new byte[] {1, 2}),
      new BsonObjectId(new ObjectId("000000000000000000000001")),
      new BsonObjectId(new ObjectId("ff0000000000000000000000")),
      BsonBoolean.FALSE, BsonBoolean.TRUE,
      new BsonDateTime(-1), new BsonDateTime(0),
      new BsonTimestamp(1, 0), new BsonTimestamp(0x80000000, 0),
      new BsonRegularExpression("a"), new BsonRegularExpression("a", "i"),
      new BsonJavaScript("x"), new BsonMaxKey());

  @Test
  void valuesSortAsTheManualOrdersThem() {
    List<BsonValue> shuffled = new ArrayList<>(ORDERED);
    Collections.shuffle(shuffled, new java.util.Random(7));
    shuffled.sort(BsonOrder::compare);
    assertThat(shuffled).containsExactlyElementsOf(ORDERED);
  }

  @Test
  void theOrderIsTotalAndConsistent() {
    for (BsonValue a : ORDERED) {
      for (BsonValue b : ORDERED) {
        int ab = Integer.signum(BsonOrder.compare(a, b));
        int ba = Integer.signum(BsonOrder.compare(b, a));
        assertThat(ab).as("%s vs %s", a, b).isEqualTo(-ba);
        assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a == b);
      }
    }
  }

  @Test
  void equalNumbersOfEveryTypeCompareEqual() {
    List<BsonValue> one = List.of(new BsonInt32(1), new BsonInt64(1), new BsonDouble(1.0),
        new BsonDecimal128(Decimal128.parse("1.000")), new BsonDecimal128(Decimal128.parse("0.1E1")));
    for (BsonValue a : one) {
      for (BsonValue b : one) {
        assertThat(BsonOrder.equal(a, b)).as("%s == %s", a, b).isTrue();
      }
    }
    assertThat(BsonOrder.equal(new BsonDouble(Double.NaN), new BsonDecimal128(Decimal128.NaN))).isTrue();
    assertThat(BsonOrder.equal(new BsonDouble(-0.0), new BsonDecimal128(Decimal128.NEGATIVE_ZERO))).isTrue();
  }
}
