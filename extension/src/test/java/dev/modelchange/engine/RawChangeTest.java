package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoNamespace;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import java.time.Instant;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.PojoCodecProvider;
import org.junit.jupiter.api.Test;

/** A change event read from its raw bytes: the same fields the driver's decoding gives, the model decoded once. */
class RawChangeTest {
  private static final MongoNamespace WATCHED = new MongoNamespace("shop", "books");
  private static final CodecRegistry CODECS = CodecRegistries.fromRegistries(
      MongoClientSettings.getDefaultCodecRegistry(),
      CodecRegistries.fromProviders(PojoCodecProvider.builder().automatic(true).build()));
  private static final String UPDATE = "{_id: {_data: '8264A1'}, operationType: 'update', "
      + "clusterTime: {$timestamp: {t: 1700000000, i: 7}}, wallTime: {$date: '2023-11-14T22:13:20Z'}, "
      + "ns: {db: 'shop', coll: 'books'}, documentKey: {_id: 42}, "
      + "updateDescription: {updatedFields: {title: 'B'}, removedFields: ['author'], "
      + "truncatedArrays: [{field: 'tags', newSize: 2}]}, "
      + "fullDocument: {_id: 42, title: 'B', pages: 300}, fullDocumentBeforeChange: null}";

  /** A model, decoded by the automatic POJO codec. */
  public static class Book {
    private Integer id;
    private String title;
    private int pages;

    public Integer getId() {
      return id;
    }

    public void setId(Integer id) {
      this.id = id;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public int getPages() {
      return pages;
    }

    public void setPages(int pages) {
      this.pages = pages;
    }
  }

  private static RawChange raw(String json) {
    return RawChange.of(RawBsonDocument.parse(json));
  }

  @Test
  void readsTheFieldsTheDriverWouldDecode() {
    BsonDocument tree = BsonDocument.parse(UPDATE);
    ChangeStreamDocument<BsonDocument> driver = ChangeStreamDocument.createCodec(BsonDocument.class, CODECS)
        .decode(new BsonDocumentReader(tree), DecoderContext.builder().build());
    RawChange raw = raw(UPDATE);

    assertThat(raw.operationType()).isEqualTo(driver.getOperationType()).isEqualTo(OperationType.UPDATE);
    assertThat(raw.resumeToken()).isEqualTo(driver.getResumeToken());
    assertThat(raw.documentKey()).isEqualTo(driver.getDocumentKey());
    assertThat(raw.clusterTime()).isEqualTo(driver.getClusterTime());
    assertThat(raw.wallTimeMillis()).isEqualTo(driver.getWallTime().getValue());
    assertThat((BsonDocument) raw.fullDocument()).isEqualTo(driver.getFullDocument());
    assertThat(raw.fullDocumentBeforeChange()).as("BSON null is absent").isNull();
    assertThat(raw.updateDescription()).isEqualTo(driver.getUpdateDescription());
    assertThat(raw.inNamespace(WATCHED)).isTrue();
  }

  @Test
  void aSliceOfALargerBufferReadsTheSame() {
    RawBsonDocument outer = RawBsonDocument.parse("{before: 'padding', event: " + UPDATE + "}");
    RawChange nested = RawChange.of((RawBsonDocument) outer.get("event"));

    assertThat(nested.operationType()).isEqualTo(OperationType.UPDATE);
    assertThat(nested.resumeToken()).isEqualTo(BsonDocument.parse("{_data: '8264A1'}"));
    assertThat(nested.fullDocument().getInt32("pages").getValue()).isEqualTo(300);
  }

  @Test
  void anOperationThisDriverDoesNotKnowIsOther() {
    RawChange raw = raw("{_id: {_data: '01'}, operationType: 'reshardCollection'}");

    assertThat(raw.operationType()).isEqualTo(OperationType.OTHER);
    assertThat(raw.operationTypeString()).isEqualTo("reshardCollection");
    assertThat(raw.fullDocument()).isNull();
    assertThat(raw.clusterTime()).isNull();
    assertThat(raw.describe(WATCHED)).isEqualTo("the reshardCollection event of shop.books (key none, token "
        + "{\"_data\": \"01\"})");
  }

  @Test
  void anEventOfAnotherNamespaceKeepsItsOwn() {
    RawChange raw = raw("{_id: {_data: '01'}, operationType: 'insert', ns: {db: 'shop', coll: 'böoks'}, "
        + "documentKey: {_id: 1}, fullDocument: {_id: 1}}");
    ReceivedChange change = new ReceivedChange(raw, WATCHED, CODECS, new StreamStats());

    assertThat(raw.inNamespace(WATCHED)).isFalse();
    assertThat(raw.inNamespace(new MongoNamespace("shop", "böoks"))).isTrue();
    assertThat(change.namespace()).isEqualTo(new MongoNamespace("shop", "böoks"));
  }

  @Test
  void theModelIsDecodedFromTheRawBytesOnceForAllReceivers() {
    ReceivedChange change = new ReceivedChange(raw(UPDATE), WATCHED, CODECS, new StreamStats());

    ChangeEvent<Book> first = change.as(Book.class);
    ChangeEvent<Book> second = change.as(Book.class);

    assertThat(second).isSameAs(first);
    assertThat(first.fullDocument()).hasValueSatisfying(b -> {
      assertThat(b.getTitle()).isEqualTo("B");
      assertThat(b.getPages()).isEqualTo(300);
    });
    assertThat(first.id()).isEqualTo("42");
    assertThat(first.wallTime()).contains(Instant.parse("2023-11-14T22:13:20Z"));
    assertThat(first.updateDescription()).hasValueSatisfying(u -> assertThat(u.getRemovedFields())
        .containsExactly("author"));
    assertThat(change.filterDocument().getString("title").getValue()).isEqualTo("B");
  }

  @Test
  void aServerWithoutTheKeysIdTakesItFromTheFullDocument() {
    RawChange raw = raw("{_id: {_data: '01'}, operationType: 'update', documentKey: {}, "
        + "fullDocument: {_id: 'x', title: 'T'}}");
    ReceivedChange change = new ReceivedChange(raw, WATCHED, CODECS, new StreamStats());

    assertThat(change.documentKey()).isEqualTo(BsonDocument.parse("{_id: 'x'}"));
    assertThat(change.as(BsonDocument.class).id()).isEqualTo("x");
  }
}
