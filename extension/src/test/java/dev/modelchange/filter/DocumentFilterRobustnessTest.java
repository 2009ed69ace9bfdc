package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import dev.modelchange.testsupport.CapturedLog;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/** A filter that cannot be evaluated on a document does not match it: matching never throws. */
class DocumentFilterRobustnessTest {
  private static DocumentFilter filter(Bson query) {
    return DocumentFilter.parse(
        query.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()));
  }

  private static DocumentFilter filter(String json) {
    return DocumentFilter.parse(BsonDocument.parse(json));
  }

  @Test
  void aNumericPathComponentTooLargeForAnIndexIsAFieldNameThatIsNotThere() {
    DocumentFilter f = filter(Filters.eq("tags.99999999999", "x"));

    assertThat(f.matches(BsonDocument.parse("{\"tags\": [\"x\", \"y\"]}"))).as("no such array index").isFalse();
    assertThat(f.matches(BsonDocument.parse("{\"tags\": [{\"99999999999\": \"x\"}]}")))
        .as("a field of that name in an element").isTrue();
    assertThat(f.matches(BsonDocument.parse("{\"tags\": {\"99999999999\": \"x\"}}")))
        .as("a field of that name in a document").isTrue();
  }

  @Test
  void anArrayIndexIsMatchedAsWrittenNotAsANumber() {
    // MongoDB compares the path component with the element's position as text: "01" is no index
    assertThat(filter("{\"tags.01\": \"x\"}").matches(BsonDocument.parse("{\"tags\": [\"a\", \"x\"]}"))).isFalse();
    assertThat(filter("{\"tags.1\": \"x\"}").matches(BsonDocument.parse("{\"tags\": [\"a\", \"x\"]}"))).isTrue();
    assertThat(filter("{\"tags.-1\": \"x\"}").matches(BsonDocument.parse("{\"tags\": [\"a\", \"x\"]}"))).isFalse();
  }

  @Test
  void aNegativeZeroDecimalIsZero() {
    BsonDocument doc = BsonDocument.parse("{\"a\": {\"$numberDecimal\": \"-0\"}}");

    assertThat(filter("{\"a\": 0}").matches(doc)).isTrue();
    assertThat(filter("{\"a\": {\"$gt\": -1, \"$lt\": 1}}").matches(doc)).isTrue();
    assertThat(DocumentFilter.lookupKey(doc.get("a"))).isEqualTo(DocumentFilter.lookupKey(BsonDocument.parse(
        "{\"v\": 0}").get("v")));
  }

  @Test
  void changingTheQueryAfterParsingChangesNothing() {
    BsonDocument query = BsonDocument.parse("{\"a\": {\"b\": 1}}");
    DocumentFilter f = DocumentFilter.parse(query);
    query.getDocument("a").put("b", new org.bson.BsonInt32(2));

    assertThat(f.matches(BsonDocument.parse("{\"a\": {\"b\": 1}}"))).isTrue();
    assertThat(f.query()).isEqualTo(BsonDocument.parse("{\"a\": {\"b\": 1}}"));
  }

  @Test
  void aDocumentThatCannotBeReadDoesNotMatchAndIsReportedOnceAtDebug() {
    BsonDocument unreadable = new BsonDocument() {
      @Override
      public BsonValue get(Object key) {
        throw new IllegalStateException("corrupt bytes");
      }
    };
    DocumentFilter f = filter("{\"title\": \"Dune\"}");
    DocumentFilter other = filter("{\"title\": \"Emma\"}");
    List<LogRecord> logged;
    try (CapturedLog log = new CapturedLog(DocumentFilter.class.getName())) {
      assertThat(f.matches(unreadable)).isFalse();
      assertThat(f.matches(unreadable)).as("second event").isFalse();
      assertThat(other.matches(unreadable)).isFalse();
      logged = log.records();
    }

    assertThat(logged).as("one DEBUG line per filter, not per event").hasSize(2);
    assertThat(logged).allSatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.FINE);
      assertThat(r.getMessage()).startsWith("MODELCHANGE-130 ").contains("does not match")
          .contains("corrupt bytes");
    });
    assertThat(logged.get(0).getMessage()).contains("Dune");
    assertThat(logged.get(0).getThrown()).hasMessage("corrupt bytes");
  }
}
