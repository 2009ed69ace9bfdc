package dev.modelchange.tck.realmongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import dev.modelchange.filter.DocumentFilter;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.RequiresCapability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract: a filter of a listener or an observer selects a document exactly when MongoDB's {@code find} would.
 * Row by row of {@value #TABLE} (query, document, whether it matches, and the manual's section that says so), each
 * document is inserted alone in a fresh collection, and the test checks that {@code find(query)} returns it
 * exactly when the row says so (the table is right about MongoDB), and that ModelChange's in-process filter
 * ({@link DocumentFilter}, on the document as stored and read back) agrees with {@code find}. The library's unit
 * tests run the same table without a server. Beans: none besides ModelChange's own.
 *
 * <p>Real MongoDB only: the in-JVM server has a query matcher of its own, so {@code find} there says nothing about
 * MongoDB. No capability names "the server's query matcher is MongoDB's"; {@link Capability#AWAIT_DATA}, which
 * every real MongoDB has and the in-JVM server lacks, stands for it, and the skip on the in-JVM server names it.
 */
@RequiresCapability(Capability.AWAIT_DATA)
public abstract class AbstractFilterSemanticsTest extends AbstractTckTest {
  /** The table, a resource of the TCK jar. */
  public static final String TABLE = "/dev/modelchange/tck/filter-semantics.json";

  /** One row of the table, numbered from 1 in file order. */
  public record Row(int number, String manual, String note, BsonDocument query, BsonDocument document,
      boolean matches) {
    @Override
    public String toString() {
      return "row " + number + " (" + manual + ": " + note + ") " + query.toJson() + " on " + document.toJson();
    }
  }

  /** What MongoDB and ModelChange said of one row: found or not, or why the server would not say. */
  private record Answer(Row row, BsonDocument stored, boolean found, String failure, boolean filtered) {}

  private final List<Answer> answers = new ArrayList<>();

  /** The rows of {@value #TABLE}. */
  public static List<Row> rows() {
    String json;
    try (InputStream in = AbstractFilterSemanticsTest.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException(TABLE + " is not on the class path");
      }
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Row> rows = new ArrayList<>();
    int number = 0;
    for (BsonValue v : BsonDocument.parse(json).getArray("rows")) {
      BsonDocument row = v.asDocument();
      rows.add(new Row(++number, row.getString("manual").getValue(), row.getString("note").getValue(),
          row.getDocument("query"), row.getDocument("document"), row.getBoolean("matches").getValue()));
    }
    return rows;
  }

  @BeforeAll
  void askMongoDbAndTheFilter() {
    for (Row row : rows()) {
      MongoCollection<BsonDocument> collection =
          database().getCollection("filter_semantics_" + row.number(), BsonDocument.class);
      collection.drop();
      try {
        collection.insertOne(row.document().clone());
        BsonDocument stored = collection.find().first();
        boolean found = false;
        String failure = null;
        try {
          found = collection.find(row.query()).first() != null;
        } catch (MongoException e) {
          failure = e.toString();
        }
        boolean filtered = DocumentFilter.parse(row.query()).matches(stored);
        answers.add(new Answer(row, stored, found, failure, filtered));
      } finally {
        collection.drop();
      }
    }
  }

  @Test
  void findReturnsEachRowsDocumentExactlyWhenTheTableSaysSo() {
    List<String> wrong = new ArrayList<>();
    for (Answer a : answers) {
      if (a.failure() != null) {
        wrong.add(a.row() + ": find() failed: " + a.failure());
      } else if (a.found() != a.row().matches()) {
        wrong.add(a.row() + ": the table says " + (a.row().matches() ? "found" : "not found") + ", find() "
            + (a.found() ? "found it" : "did not find it"));
      }
    }
    assertThat(answers).as("rows of %s", TABLE).hasSizeGreaterThanOrEqualTo(60);
    assertThat(wrong).as("%d of %d rows where the table is wrong about this MongoDB", wrong.size(), answers.size())
        .isEmpty();
  }

  @Test
  void theFilterSelectsExactlyWhatFindReturns() {
    List<String> wrong = new ArrayList<>();
    for (Answer a : answers) {
      if (a.failure() == null && a.filtered() != a.found()) {
        wrong.add(a.row() + ", stored as " + a.stored().toJson() + ": find() " + (a.found() ? "found it" : "did "
            + "not find it") + ", the filter " + (a.filtered() ? "matches it" : "does not match it"));
      }
    }
    assertThat(wrong).as("%d of %d rows where ModelChange's filter disagrees with find()", wrong.size(),
        answers.size()).isEmpty();
  }
}
