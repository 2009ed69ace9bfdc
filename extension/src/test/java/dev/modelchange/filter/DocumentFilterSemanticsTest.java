package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * Filters match as MongoDB's {@code find} does, row by row of the table that the TCK checks against a real
 * MongoDB ({@code realmongo.AbstractFilterSemanticsTest}); and the equality index finds exactly what
 * {@code $eq} matches.
 */
class DocumentFilterSemanticsTest {
  /** The one table, in the TCK's resources; Maven runs tests in the module's folder. */
  static final Path TABLE = Path.of("../tck-tests/src/main/resources/dev/modelchange/tck/filter-semantics.json");

  record Row(int number, String manual, String note, BsonDocument query, BsonDocument document, boolean matches) {
    @Override
    public String toString() {
      return "row " + number + " (" + manual + ": " + note + ") " + query.toJson() + " on " + document.toJson()
          + " should " + (matches ? "" : "not ") + "match";
    }
  }

  static List<Row> rows() throws IOException {
    BsonDocument table = BsonDocument.parse(Files.readString(TABLE, StandardCharsets.UTF_8));
    List<Row> rows = new ArrayList<>();
    int number = 0;
    for (BsonValue v : table.getArray("rows")) {
      BsonDocument row = v.asDocument();
      rows.add(new Row(++number, row.getString("manual").getValue(), row.getString("note").getValue(),
          row.getDocument("query"), row.getDocument("document"), row.getBoolean("matches").getValue()));
    }
    return rows;
  }

  @Test
  void everyRowOfTheTableMatchesAsMongoDbFinds() throws IOException {
    List<Row> rows = rows();
    List<String> wrong = new ArrayList<>();
    for (Row row : rows) {
      boolean matched;
      try {
        matched = DocumentFilter.parse(row.query()).matches(row.document());
      } catch (RuntimeException e) {
        wrong.add(row + ", but parsing threw " + e);
        continue;
      }
      if (matched != row.matches()) {
        wrong.add(row.toString());
      }
    }
    assertThat(rows).as("rows of %s", TABLE).hasSizeGreaterThanOrEqualTo(60);
    assertThat(wrong).as("%d of %d rows disagree with MongoDB", wrong.size(), rows.size()).isEmpty();
  }

  @Test
  void theEqualityIndexFindsExactlyWhatEqMatches() throws IOException {
    int indexable = 0;
    List<String> wrong = new ArrayList<>();
    for (Row row : rows()) {
      DocumentFilter filter = DocumentFilter.parse(row.query());
      Map.Entry<String, BsonValue> eq = filter.singleEquality().orElse(null);
      if (eq == null) {
        continue;
      }
      indexable++;
      Object key = DocumentFilter.lookupKey(eq.getValue());
      boolean found = DocumentFilter.valuesAt(row.document(), eq.getKey()).stream()
          .anyMatch(v -> Objects.equals(DocumentFilter.lookupKey(v), key));
      if (found != filter.matches(row.document())) {
        wrong.add(row + ": the index " + (found ? "finds" : "misses") + " it");
      }
    }
    assertThat(indexable).as("rows with an indexable equality").isGreaterThanOrEqualTo(20);
    assertThat(wrong).isEmpty();
  }

  @Test
  void lookupKeysMeetWhereEqualityDoes() {
    Object one = DocumentFilter.lookupKey(new BsonInt32(1));
    assertThat(List.of(new BsonInt64(1), new BsonDouble(1.0), new BsonDecimal128(Decimal128.parse("1.00")),
        new BsonDecimal128(Decimal128.parse("1E0"))))
        .allSatisfy(v -> assertThat(DocumentFilter.lookupKey(v)).as("%s", v).isEqualTo(one));
    Object zero = DocumentFilter.lookupKey(new BsonInt32(0));
    assertThat(DocumentFilter.lookupKey(new BsonDouble(-0.0))).isEqualTo(zero);
    assertThat(DocumentFilter.lookupKey(new BsonDecimal128(Decimal128.parse("-0E+3")))).isEqualTo(zero);
    assertThat(DocumentFilter.lookupKey(new BsonDouble(0.1)))
        .as("the double 0.1 is not one tenth, and $eq knows it")
        .isNotEqualTo(DocumentFilter.lookupKey(new BsonDecimal128(Decimal128.parse("0.1"))));
    assertThat(DocumentFilter.lookupKey(new BsonSymbol("x"))).as("a symbol equals its string")
        .isEqualTo(DocumentFilter.lookupKey(new BsonString("x")));
    assertThat(DocumentFilter.lookupKey(new BsonString("1"))).isNotEqualTo(one);
    assertThat(DocumentFilter.lookupKey(new BsonDouble(Double.NaN))).as("NaN: looked for by scanning").isNull();
  }
}
