package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class DocumentFilterTest {
  private static final BsonDocument DOC = BsonDocument.parse("{\"userId\": 7, \"title\": \"Dune\", "
      + "\"tags\": [\"sf\", \"classic\"], \"author\": {\"name\": \"Herbert\", \"born\": 1920}, "
      + "\"editions\": [{\"year\": 1965}, {\"year\": 2005}], \"published\": true, \"missing\": null}");

  private static boolean matches(String query) {
    return DocumentFilter.parse(BsonDocument.parse(query)).matches(DOC);
  }

  @Test
  void equalityAcrossNumberTypesArraysAndDottedPaths() {
    assertThat(matches("{\"userId\": 7}")).isTrue();
    assertThat(matches("{\"userId\": 7.0}")).isTrue();
    assertThat(matches("{\"userId\": {\"$numberLong\": \"7\"}}")).isTrue();
    assertThat(matches("{\"userId\": 8}")).isFalse();
    assertThat(matches("{\"tags\": \"sf\"}")).isTrue();
    assertThat(matches("{\"author.name\": \"Herbert\"}")).isTrue();
    assertThat(matches("{\"editions.year\": 2005}")).isTrue();
    assertThat(matches("{\"editions.0.year\": 1965}")).isTrue();
    assertThat(matches("{\"nothing\": null}")).isTrue();
    assertThat(matches("{\"missing\": null}")).isTrue();
  }

  @Test
  void operators() {
    assertThat(matches("{\"userId\": {\"$in\": [1, 7]}}")).isTrue();
    assertThat(matches("{\"userId\": {\"$nin\": [1, 7]}}")).isFalse();
    assertThat(matches("{\"userId\": {\"$ne\": 7}}")).isFalse();
    assertThat(matches("{\"author.born\": {\"$gte\": 1920, \"$lt\": 1921}}")).isTrue();
    assertThat(matches("{\"author.born\": {\"$gt\": \"1900\"}}")).as("no comparison across types").isFalse();
    assertThat(matches("{\"title\": {\"$lt\": \"E\"}}")).isTrue();
    assertThat(matches("{\"title\": {\"$exists\": true}, \"nothing\": {\"$exists\": false}}")).isTrue();
    assertThat(matches("{\"title\": {\"$regex\": \"^du\", \"$options\": \"i\"}}")).isTrue();
    assertThat(matches("{\"userId\": {\"$not\": {\"$gt\": 5}}}")).isFalse();
    assertThat(matches("{\"$or\": [{\"userId\": 1}, {\"published\": true}]}")).isTrue();
    assertThat(matches("{\"$and\": [{\"userId\": 7}, {\"published\": false}]}")).isFalse();
    assertThat(matches("{\"$nor\": [{\"userId\": 1}]}")).isTrue();
  }

  @Test
  void aMissingDocumentMatchesOnlyTheEmptyFilter() {
    assertThat(DocumentFilter.matchAll().matches(null)).isTrue();
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"a\": 1}")).matches(null)).isFalse();
  }

  @Test
  void unsupportedOperatorsAreRejectedByName() {
    assertThatThrownBy(() -> DocumentFilter.parse(BsonDocument.parse("{\"$where\": \"x\"}")))
        .hasMessageContaining("MODELCHANGE-030").hasMessageContaining("$where");
    assertThatThrownBy(() -> DocumentFilter.parse(BsonDocument.parse("{\"a\": {\"$elemMatch\": {}}}")))
        .hasMessageContaining("$elemMatch");
  }

  @Test
  void onlyAWholeFilterOfOneScalarEqualityIsIndexable() {
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"userId\": {\"$eq\": 7}}")).singleEquality())
        .hasValueSatisfying(e -> {
          assertThat(e.getKey()).isEqualTo("userId");
          assertThat(e.getValue()).isEqualTo(new BsonInt32(7));
        });
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"a\": 1, \"b\": 2}")).singleEquality()).isEmpty();
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"a\": {\"$gt\": 1}}")).singleEquality()).isEmpty();
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"a\": null}")).singleEquality()).as("null matches missing")
        .isEmpty();
    assertThat(DocumentFilter.parse(BsonDocument.parse("{\"a\": [1]}")).singleEquality()).isEmpty();
  }

  /**
   * The engine finds a listener with a one-equality filter by looking up each value at its path
   * ({@code valuesAt}, {@code lookupKey}) and then skips the filter: the lookup must find the document exactly when
   * the filter matches it.
   */
  @Test
  void theEqualityIndexFindsTheDocumentExactlyWhenTheFilterMatchesIt() {
    Object[][] cases = {
        {"{\"userId\": 7.0}", true},
        {"{\"userId\": {\"$numberDecimal\": \"7.00\"}}", true},
        {"{\"userId\": {\"$eq\": {\"$numberLong\": \"7\"}}}", true},
        {"{\"userId\": \"7\"}", false},
        {"{\"tags\": \"sf\"}", true},
        {"{\"tags\": \"fantasy\"}", false},
        {"{\"tags.1\": \"classic\"}", true},
        {"{\"tags.01\": \"classic\"}", false},
        {"{\"editions.year\": 2005.0}", true},
        {"{\"editions.1.year\": 2005}", true},
        {"{\"editions.1.year\": 1965}", false},
        {"{\"author.name\": \"Herbert\"}", true},
        {"{\"published\": true}", true},
        {"{\"missing\": false}", false},
    };
    for (Object[] c : cases) {
      DocumentFilter filter = DocumentFilter.parse(BsonDocument.parse((String) c[0]));
      Map.Entry<String, BsonValue> eq = filter.singleEquality().orElseThrow();
      Object key = DocumentFilter.lookupKey(eq.getValue());
      boolean found = DocumentFilter.valuesAt(DOC, eq.getKey()).stream()
          .anyMatch(v -> key.equals(DocumentFilter.lookupKey(v)));

      assertThat(filter.matches(DOC)).as("%s matches", c[0]).isEqualTo(c[1]);
      assertThat(found).as("%s found by lookup", c[0]).isEqualTo(c[1]);
    }
  }
}
