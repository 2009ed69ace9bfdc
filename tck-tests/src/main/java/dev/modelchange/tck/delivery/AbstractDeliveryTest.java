package dev.modelchange.tck.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.TckDatabase;
import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.RequiresCapability;
import dev.modelchange.testsupport.Waits;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: an observer {@code @Observes @ModelChange(Book.class) ChangeEvent<Book>} receives every change of its
 * model's collection, in order, decoded into the model. Beans: {@link DeliveryObservers},
 * {@link SecondBookObserver}. Configuration: {@code modelchange.model."dev.modelchange.tck.delivery.Ledger".database
 * =modelchange_tck_other} and {@code .collection=ledger_entries}.
 */
public abstract class AbstractDeliveryTest extends AbstractTckTest {
  /** How long a change may take to reach an observer: the project's one wait, {@link Waits#WAIT}. */
  protected static final Duration WAIT = Waits.WAIT;

  @Inject
  DeliveryObservers observers;
  @Inject
  SecondBookObserver second;

  private MongoDatabase db;

  @BeforeAll
  void connect() {
    db = database();
  }

  @BeforeEach
  void clear() {
    observers.books().clear();
    observers.authors().clear();
    observers.posts().clear();
    observers.tags().clear();
    observers.ledgers().clear();
    second.books().clear();
  }

  @Test
  void insertArrivesAsEventWithTheDecodedDocument() {
    ObjectId id = new ObjectId();
    db.getCollection("books").insertOne(new Document("_id", id).append("title", "Dune").append("author", "Herbert"));

    await().atMost(WAIT).until(() -> observers.books().size() == 1);
    ChangeEvent<Book> e = observers.books().events().get(0);
    assertThat(e.operationType()).isEqualTo(OperationType.INSERT);
    assertThat(e.id()).isEqualTo(id.toHexString());
    assertThat(e.documentKey()).isEqualTo(new BsonDocument("_id", new BsonObjectId(id)));
    assertThat(e.fullDocument()).hasValueSatisfying(b -> {
      assertThat(b.getId()).isEqualTo(id);
      assertThat(b.getTitle()).isEqualTo("Dune");
      assertThat(b.getAuthor()).isEqualTo("Herbert");
    });
    assertThat(e.modelType()).isEqualTo(Book.class);
    assertThat(e.namespace().getFullName()).isEqualTo(TckDatabase.NAME + ".books");
    assertThat(e.resumeToken()).isNotNull();
    assertThat(e.clusterTime()).isNotNull();
    assertThat(observers.books().threads().get(0)).startsWith("modelchange-");
  }

  @Test
  void deleteArrivesWithItsIdAndNoDocument() {
    ObjectId id = new ObjectId();
    db.getCollection("books").insertOne(new Document("_id", id).append("title", "Emma"));
    db.getCollection("books").deleteOne(Filters.eq("_id", id));

    await().atMost(WAIT).until(() -> observers.books().size() == 2);
    ChangeEvent<Book> delete = observers.books().events().get(1);
    assertThat(delete.operationType()).isEqualTo(OperationType.DELETE);
    assertThat(delete.id()).isEqualTo(id.toHexString());
    assertThat(delete.fullDocument()).isEmpty();
  }

  @Test
  void updateArrives() {
    ObjectId id = new ObjectId();
    db.getCollection("books").insertOne(new Document("_id", id).append("title", "Ulysses"));
    db.getCollection("books").updateOne(Filters.eq("_id", id), Updates.set("author", "Joyce"));

    await().atMost(WAIT).until(() -> observers.books().size() == 2);
    assertThat(observers.books().map(ChangeEvent::operationType))
        .containsExactly(OperationType.INSERT, OperationType.UPDATE);
  }

  @Test
  @RequiresCapability({Capability.DOCUMENT_KEY_ON_UPDATE, Capability.UPDATE_DESCRIPTION})
  void updateCarriesItsIdAndWhatChangedButNoDocumentByDefault() {
    ObjectId id = new ObjectId();
    db.getCollection("books").insertOne(new Document("_id", id).append("title", "Ulysses"));
    db.getCollection("books").updateOne(Filters.eq("_id", id), Updates.set("author", "Joyce"));

    await().atMost(WAIT).until(() -> observers.books().size() == 2);
    ChangeEvent<Book> update = observers.books().events().get(1);
    assertThat(update.id()).isEqualTo(id.toHexString());
    assertThat(update.fullDocument()).isEmpty();
    assertThat(update.updateDescription()).hasValueSatisfying(d ->
        assertThat(d.getUpdatedFields()).isEqualTo(new BsonDocument("author", new BsonString("Joyce"))));
  }

  @Test
  @RequiresCapability(Capability.REPLACE_EVENTS)
  void replaceArrivesWithTheNewDocument() {
    ObjectId id = new ObjectId();
    db.getCollection("books").insertOne(new Document("_id", id).append("title", "Draft"));
    db.getCollection("books").replaceOne(Filters.eq("_id", id), new Document("title", "Final").append("author", "A"));

    await().atMost(WAIT).until(() -> observers.books().size() == 2);
    ChangeEvent<Book> replace = observers.books().events().get(1);
    assertThat(replace.operationType()).isEqualTo(OperationType.REPLACE);
    assertThat(replace.id()).isEqualTo(id.toHexString());
    assertThat(replace.fullDocument()).hasValueSatisfying(b -> assertThat(b.getTitle()).isEqualTo("Final"));
  }

  @Test
  void changesArriveInTheOrderTheyWereWritten() {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      docs.add(new Document("title", "t" + i));
    }
    db.getCollection("books").insertMany(docs.subList(0, 150));
    for (Document d : docs.subList(150, 300)) {
      db.getCollection("books").insertOne(d);
    }

    await().atMost(WAIT).until(() -> observers.books().size() == 300);
    List<String> expected = new ArrayList<>();
    docs.forEach(d -> expected.add(d.getString("title")));
    assertThat(observers.books().map(e -> e.fullDocument().orElseThrow().getTitle())).isEqualTo(expected);
  }

  @Test
  void everyObserverOfAModelReceivesEveryChange() {
    db.getCollection("books").insertOne(new Document("title", "Shared"));

    await().atMost(WAIT).until(() -> observers.books().size() == 1 && second.books().size() == 1);
    assertThat(second.books().events()).isEqualTo(observers.books().events());
  }

  @Test
  void recordsAndCollectionNamesAndOtherDatabasesAreWatched() {
    db.getCollection("authors").insertOne(new Document("_id", "herbert").append("name", "Frank Herbert"));
    db.getCollection("posts").insertOne(new Document("title", "Hello"));
    client().getDatabase(TckDatabase.OTHER).getCollection("ledger_entries").insertOne(new Document("entry", "e1"));
    // a marker in books, written last: when it arrives, the books stream is past the writes above
    ObjectId marker = new ObjectId();
    db.getCollection("books").insertOne(new Document("_id", marker).append("title", "Marker"));

    await().atMost(WAIT).until(() -> observers.authors().size() == 1 && observers.posts().size() == 1
        && observers.ledgers().size() == 1 && observers.books().size() == 1);
    assertThat(observers.authors().events().get(0).fullDocument()).contains(new Author("herbert", "Frank Herbert"));
    assertThat(observers.authors().events().get(0).id()).isEqualTo("herbert");
    assertThat(observers.posts().events().get(0).fullDocument().orElseThrow().getTitle()).isEqualTo("Hello");
    assertThat(observers.ledgers().events().get(0).namespace().getFullName())
        .isEqualTo(TckDatabase.OTHER + ".ledger_entries");
    assertThat(observers.books().map(ChangeEvent::id)).as("the Book observer saw none of the other collections")
        .containsExactly(marker.toHexString());
  }

  @Test
  void idsOfEveryKindAreText() {
    ObjectId oid = new ObjectId();
    db.getCollection("tags").insertMany(List.of(
        new Document("_id", "plain-text").append("name", "a"),
        new Document("_id", 42).append("name", "b"),
        new Document("_id", 9_007_199_254_740_993L).append("name", "c"),
        new Document("_id", oid).append("name", "d"),
        new Document("_id", new Document("tenant", "t1").append("n", 7)).append("name", "e")));

    await().atMost(WAIT).until(() -> observers.tags().size() == 5);
    assertThat(observers.tags().map(ChangeEvent::id)).containsExactly("plain-text", "42", "9007199254740993",
        oid.toHexString(), "{\"tenant\": \"t1\", \"n\": 7}");
    assertThat(observers.tags().events().get(1).documentKey()).isEqualTo(new BsonDocument("_id", new BsonInt32(42)));
    assertThat(observers.tags().events().get(2).documentKey())
        .isEqualTo(new BsonDocument("_id", new BsonInt64(9_007_199_254_740_993L)));
  }
}
