package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
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
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * An operator given an argument of the wrong type is refused when the filter is parsed, with an
 * {@link IllegalArgumentException} naming the operator and the path: never another exception, never later.
 */
class DocumentFilterArgumentsTest {
  /** Query (extended JSON), the operator the message must name, the path it must name ("" for none). */
  private static final String[][] WRONG = {
      {"{\"title\": {\"$regex\": 5}}", "$regex", "title"},
      {"{\"title\": {\"$regex\": null}}", "$regex", "title"},
      {"{\"title\": {\"$regex\": [\"a\"]}}", "$regex", "title"},
      {"{\"title\": {\"$regex\": \"a\", \"$options\": 1}}", "$options", "title"},
      {"{\"title\": {\"$regex\": {\"$regularExpression\": {\"pattern\": \"a\", \"options\": \"i\"}}, "
          + "\"$options\": \"m\"}}", "$options", "title"},
      {"{\"title\": {\"$options\": \"i\"}}", "$options", "title"},
      {"{\"title\": {\"$not\": {\"$regex\": 5}}}", "$regex", "title"},
      {"{\"a\": {\"$exists\": {\"$numberDecimal\": \"NaN\"}}}", "$exists", "a"},
      {"{\"a\": {\"$exists\": {\"$numberDouble\": \"NaN\"}}}", "$exists", "a"},
      {"{\"a\": {\"$exists\": \"false\"}}", "$exists", "a"},
      {"{\"a\": {\"$exists\": null}}", "$exists", "a"},
      {"{\"a\": {\"$exists\": {}}}", "$exists", "a"},
      {"{\"a\": {\"$in\": 5}}", "$in", "a"},
      {"{\"a\": {\"$in\": {\"b\": 1}}}", "$in", "a"},
      {"{\"a\": {\"$in\": null}}", "$in", "a"},
      {"{\"a\": {\"$in\": [{\"$gt\": 1}]}}", "$in", "a"},
      {"{\"a\": {\"$in\": [{\"$undefined\": true}]}}", "$in", "a"},
      {"{\"a\": {\"$nin\": \"x\"}}", "$nin", "a"},
      {"{\"a\": {\"$in\": [1], \"$nin\": 5}}", "$nin", "a"},
      {"{\"a\": {\"$not\": 5}}", "$not", "a"},
      {"{\"a\": {\"$not\": \"x\"}}", "$not", "a"},
      {"{\"a\": {\"$not\": {}}}", "$not", "a"},
      {"{\"a\": {\"$not\": {\"b\": 1}}}", "$not", "a"},
      {"{\"a\": {\"$not\": null}}", "$not", "a"},
      {"{\"a\": {\"$eq\": {\"$undefined\": true}}}", "$eq", "a"},
      {"{\"a\": {\"$gt\": {\"$undefined\": true}}}", "$gt", "a"},
      {"{\"a\": {\"$ne\": {\"$undefined\": true}}}", "$ne", "a"},
      {"{\"a\": {\"$undefined\": true}}", "$eq", "a"},
      {"{\"a\": {\"$gt\": 1, \"b\": 2}}", "b", "a"},
      {"{\"$and\": 5}", "$and", ""},
      {"{\"$and\": []}", "$and", ""},
      {"{\"$and\": [5]}", "$and", ""},
      {"{\"$or\": {\"a\": 1}}", "$or", ""},
      {"{\"$or\": [null]}", "$or", ""},
      {"{\"$nor\": \"a\"}", "$nor", ""},
      {"{\"$and\": [{\"a\": {\"$in\": 1}}]}", "$in", "a"},
      {"{\"a\": {\"$elemMatch\": {\"b\": 1}}}", "$elemMatch", "a"},
      {"{\"$where\": \"this.a == 1\"}", "$where", ""},
      {"{\"$expr\": {\"$eq\": [\"$a\", 1]}}", "$expr", ""},
  };

  @Test
  void wrongArgumentsAreRefusedAtParseNamingTheOperatorAndPath() {
    List<String> wrong = new ArrayList<>();
    for (String[] row : WRONG) {
      Throwable thrown = catchThrowable(() -> DocumentFilter.parse(BsonDocument.parse(row[0])));
      String because = thrown == null ? "accepted"
          : thrown.getClass() != IllegalArgumentException.class ? thrown.toString()
          : !thrown.getMessage().contains(row[1]) ? "does not name " + row[1] + ": " + thrown.getMessage()
          : !row[2].isEmpty() && !thrown.getMessage().contains("'" + row[2] + "'")
              ? "does not name the path " + row[2] + ": " + thrown.getMessage()
          : !thrown.getMessage().startsWith("MODELCHANGE-0") ? "no code: " + thrown.getMessage()
          : null;
      if (because != null) {
        wrong.add(row[0] + " -> " + because);
      }
    }
    assertThat(wrong).as("filters not refused as they should be").isEmpty();
  }

  @Test
  void everyOperatorGivenAValueOfEveryTypeParsesOrIsRefusedAndThenMatchesWithoutThrowing() {
    String[] fieldOperators = {"$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$regex",
        "$not", "$options"};
    String[] logical = {"$and", "$or", "$nor"};
    List<BsonDocument> documents = List.of(
        BsonDocument.parse("{\"a\": 1}"), BsonDocument.parse("{\"a\": [1, \"x\", null, {\"b\": 2}, [3]]}"),
        BsonDocument.parse("{\"b\": 1}"), BsonDocument.parse("{\"a\": {\"$numberDecimal\": \"NaN\"}}"),
        BsonDocument.parse("{\"a\": {\"b\": {\"$numberDecimal\": \"-0\"}}}"), new BsonDocument());
    List<String> wrong = new ArrayList<>();
    for (BsonValue argument : everyType()) {
      List<BsonDocument> queries = new ArrayList<>();
      for (String op : fieldOperators) {
        queries.add(new BsonDocument("a", new BsonDocument(op, argument)));
        queries.add(new BsonDocument("a", new BsonDocument(op, new BsonArray(List.of(argument)))));
      }
      for (String op : logical) {
        queries.add(new BsonDocument(op, argument));
        queries.add(new BsonDocument(op, new BsonArray(List.of(argument))));
      }
      queries.add(new BsonDocument("a", argument));
      for (BsonDocument query : queries) {
        Throwable thrown = catchThrowable(() -> DocumentFilter.parse(query));
        if (thrown != null && thrown.getClass() != IllegalArgumentException.class) {
          wrong.add(query.toJson() + " -> " + thrown);
        }
        if (thrown == null) {
          DocumentFilter filter = DocumentFilter.parse(query);
          for (BsonDocument doc : documents) {
            assertThatCode(() -> filter.matches(doc)).as("%s on %s", query.toJson(), doc.toJson())
                .doesNotThrowAnyException();
          }
        }
      }
    }
    assertThat(wrong).as("parsing threw something else than IllegalArgumentException").isEmpty();
  }

  private static List<BsonValue> everyType() {
    return List.of(new BsonInt32(1), new BsonInt64(0), new BsonDouble(Double.NaN), new BsonDouble(1.5),
        new BsonDecimal128(Decimal128.NaN), new BsonDecimal128(Decimal128.NEGATIVE_ZERO), new BsonString("x"),
        new BsonString("("), new BsonSymbol("s"), BsonBoolean.TRUE, BsonNull.VALUE, new BsonUndefined(),
        new BsonDocument(), BsonDocument.parse("{\"$gt\": 1}"), BsonDocument.parse("{\"b\": 1}"), new BsonArray(),
        new BsonObjectId(), new BsonDateTime(0), new BsonTimestamp(1, 1), new BsonRegularExpression("x", "i"),
        new BsonRegularExpression("(?=x)"), new BsonBinary(new byte[] {1}), new BsonJavaScript("1"),
        new BsonMinKey(), new BsonMaxKey());
  }
}
