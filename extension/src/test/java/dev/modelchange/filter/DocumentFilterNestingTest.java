package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * A filter nests at most {@value DocumentFilter#MAX_DEPTH} levels; deeper ones are refused when parsed, naming the
 * limit, and neither parsing nor matching ever overflows the stack.
 */
class DocumentFilterNestingTest {
  private static final int DEEP = 10_000;

  /** {@code wrap} applied {@code times} times around {@code {a: 1}}, built without recursion. */
  private static BsonDocument nest(int times, UnaryOperator<BsonDocument> wrap) {
    BsonDocument query = new BsonDocument("a", new BsonInt32(1));
    for (int i = 0; i < times; i++) {
      query = wrap.apply(query);
    }
    return query;
  }

  private static BsonDocument logical(String operator, BsonDocument inner) {
    return new BsonDocument(operator, new BsonArray(java.util.List.of(inner)));
  }

  @Test
  void tenThousandLevelsOfOperatorsAreRefusedAtParseNamingTheLimit() {
    BsonDocument[] deep = {
        nest(DEEP, q -> logical("$and", q)),
        nest(DEEP, q -> logical("$or", q)),
        nest(DEEP, q -> logical("$nor", q)),
        nest(DEEP, q -> new BsonDocument("$and", new BsonArray(java.util.List.of(logical("$or", q))))),
        notChain(DEEP),
        literalChain(DEEP),
        arrayChain(DEEP),
    };
    for (BsonDocument query : deep) {
      String first = query.getFirstKey();
      assertThatThrownBy(() -> DocumentFilter.parse(query)).as("10,000 levels under %s", first)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("MODELCHANGE-131 ").hasMessageContaining("100 levels");
    }
  }

  @Test
  void aFilterAtTheLimitIsAcceptedAndOneLevelMoreIsNot() {
    BsonDocument atLimit = literalChain(DocumentFilter.MAX_DEPTH - 1); // the query document is level 1
    DocumentFilter f = DocumentFilter.parse(atLimit);

    assertThat(f.matches(atLimit)).as("a document equal to the filter's nested value").isTrue();
    assertThatThrownBy(() -> DocumentFilter.parse(literalChain(DocumentFilter.MAX_DEPTH)))
        .hasMessageStartingWith("MODELCHANGE-131 ");
  }

  @Test
  void matchingADocumentTenThousandLevelsDeepNeverOverflows() {
    BsonDocument deepDocument = literalChain(DEEP);
    assertThat(DocumentFilter.parse(literalChain(DocumentFilter.MAX_DEPTH - 1)).matches(deepDocument)).isFalse();
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"a.a.a\": {\"$exists\": true}}")).matches(deepDocument))
        .isTrue();
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"a\": {\"$gt\": {\"a\": {}}}}")).matches(deepDocument))
        .as("documents compare field by field, only as deep as the filter's side").isTrue();
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"a\": {\"$lt\": {\"a\": {\"a\": 1}}}}"))
        .matches(deepDocument)).as("a number sorts before a document").isFalse();
    assertThat(DocumentFilter.valuesAt(deepDocument, "a.a")).hasSize(1);
  }

  @Test
  void aPathOfMoreThanOneHundredComponentsIsRefused() {
    String path = String.join(".", java.util.Collections.nCopies(DEEP, "a"));
    assertThatThrownBy(() -> DocumentFilter.parse(new BsonDocument(path, new BsonInt32(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("MODELCHANGE-132 ").hasMessageContaining("10000 components")
        .hasMessageContaining("100");
  }

  @Test
  void aRegularExpressionNestingTenThousandGroupsIsRefused() {
    String pattern = "(".repeat(DEEP) + "a" + ")".repeat(DEEP);
    assertThatThrownBy(() -> DocumentFilter.parse(new BsonDocument("title",
        new BsonDocument("$regex", new BsonString(pattern)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("MODELCHANGE-133 ").hasMessageContaining("100");
  }

  /** {@code {a: {$not: {$not: ... {$eq: 1}}}}}. */
  private static BsonDocument notChain(int times) {
    BsonDocument ops = new BsonDocument("$eq", new BsonInt32(1));
    for (int i = 0; i < times; i++) {
      ops = new BsonDocument("$not", ops);
    }
    return new BsonDocument("a", ops);
  }

  /** {@code {a: {a: ... {a: 1}}}}: {@code times} embedded documents below the query document. */
  private static BsonDocument literalChain(int times) {
    return nest(times, q -> new BsonDocument("a", q));
  }

  /** {@code {a: [[[...1...]]]}}. */
  private static BsonDocument arrayChain(int times) {
    BsonValue v = new BsonInt32(1);
    for (int i = 0; i < times; i++) {
      v = new BsonArray(java.util.List.of(v));
    }
    return new BsonDocument("a", v);
  }
}
