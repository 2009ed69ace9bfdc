package dev.modelchange.tck.realmongo;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.OperationType;
import com.mongodb.client.model.changestream.TruncatedArray;
import com.mongodb.client.model.changestream.UpdateDescription;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.RequiresCapability;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: an update arrives with its document's id and MongoDB's description of what changed (fields set, fields
 * removed, arrays truncated), and without a full document unless one was asked for; observers and
 * {@code listenForUpdates} see the same. Beans: {@link NoteObservers}.
 */
@RequiresCapability({Capability.DOCUMENT_KEY_ON_UPDATE, Capability.UPDATE_DESCRIPTION})
public abstract class AbstractUpdateDescriptionTest extends AbstractTckTest {
  @Inject
  NoteObservers observers;
  @Inject
  ModelChanges modelChanges;

  private MongoCollection<Document> notes;

  @BeforeAll
  void connect() {
    notes = database().getCollection("notes");
  }

  @BeforeEach
  void clear() {
    observers.clear();
  }

  @Test
  void anUpdateSaysWhichFieldsItSetAndWhichItRemoved() {
    notes.insertOne(new Document("_id", "n1").append("text", "draft").append("author", "Ann"));
    notes.updateOne(Filters.eq("_id", "n1"), Updates.combine(Updates.set("text", "final"), Updates.unset("author")));

    await().atMost(WAIT).until(() -> observers.all().size() == 2);
    ChangeEvent<Note> update = observers.all().events().get(1);
    assertThat(update.operationType()).isEqualTo(OperationType.UPDATE);
    assertThat(update.id()).isEqualTo("n1");
    assertThat(update.documentKey()).isEqualTo(new BsonDocument("_id", new BsonString("n1")));
    assertThat(update.fullDocument()).as("no full document unless asked").isEmpty();
    assertThat(update.updateDescription()).hasValueSatisfying(d -> {
      assertThat(d.getUpdatedFields()).isEqualTo(new BsonDocument("text", new BsonString("final")));
      assertThat(d.getRemovedFields()).containsExactly("author");
    });
  }

  @Test
  void anUpdateOfANestedFieldNamesItsPath() {
    notes.insertOne(new Document("_id", "n2").append("text", "t")
        .append("meta", new Document("color", "red").append("pinned", false)));
    notes.updateOne(Filters.eq("_id", "n2"), Updates.set("meta.pinned", true));

    await().atMost(WAIT).until(() -> observers.all().size() == 2);
    assertThat(observers.all().events().get(1).updateDescription().orElseThrow().getUpdatedFields())
        .isEqualTo(BsonDocument.parse("{\"meta.pinned\": true}"));
  }

  @Test
  void listenForUpdatesReceivesTheSameDescription() {
    List<UpdateDescription> seen = new CopyOnWriteArrayList<>();
    Subscription s = modelChanges.<Note>listenForUpdates(Note.class,
        (id, change) -> seen.add(change.updateDescription().orElse(null)));
    try {
      notes.insertOne(new Document("_id", "n3").append("text", "one"));
      notes.updateOne(Filters.eq("_id", "n3"), Updates.set("text", "two"));

      await().atMost(WAIT).until(() -> seen.size() == 1);
    } finally {
      s.unsubscribe();
    }
    assertThat(seen.get(0)).isNotNull();
    assertThat(seen.get(0).getUpdatedFields()).isEqualTo(new BsonDocument("text", new BsonString("two")));
  }

  @Test
  @RequiresCapability(Capability.TRUNCATED_ARRAYS)
  void aPipelineUpdateThatShortensAnArrayReportsTheTruncation() {
    // the text makes the document much larger than the change, so that MongoDB logs the pipeline update as a
    // delta (which reports the truncation) and not as a whole new document (which would be a replace)
    notes.insertOne(new Document("_id", "n4").append("text", "x".repeat(2000))
        .append("tags", List.of("a", "b", "c", "d")));
    // a pipeline update (not $push with $slice: MongoDB reports the truncations of pipeline updates only)
    notes.updateOne(Filters.eq("_id", "n4"), List.of(new Document("$set",
        new Document("tags", new Document("$slice", List.of("$tags", 2))))));

    await().atMost(WAIT).until(() -> observers.all().size() == 2);
    UpdateDescription d = observers.all().events().get(1).updateDescription().orElseThrow();
    assertThat(d.getTruncatedArrays()).extracting(TruncatedArray::getField, TruncatedArray::getNewSize)
        .containsExactly(tuple("tags", 2));
  }
}
