package dev.modelchange.tck.realmongo;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.OperationType;
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
 * Contract: a replacement arrives as a {@code replace} event with its id and the new document, and without an
 * update description; observers restricted to {@code REPLACE} receive only replacements, and
 * {@code listenForUpdates} receives updates and replacements. Beans: {@link NoteObservers}.
 */
@RequiresCapability(Capability.REPLACE_EVENTS)
public abstract class AbstractReplaceTest extends AbstractTckTest {
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
  void aReplacementArrivesAsReplaceWithTheNewDocument() {
    notes.insertOne(new Document("_id", "r1").append("text", "draft").append("author", "Ann"));
    notes.replaceOne(Filters.eq("_id", "r1"), new Document("text", "rewritten").append("tags", List.of("x")));

    await().atMost(WAIT).until(() -> observers.all().size() == 2 && observers.replaces().size() == 1);
    assertThat(observers.all().map(ChangeEvent::operationType))
        .containsExactly(OperationType.INSERT, OperationType.REPLACE);
    ChangeEvent<Note> replace = observers.replaces().events().get(0);
    assertThat(replace.resumeToken()).as("the same change").isEqualTo(observers.all().events().get(1).resumeToken());
    assertThat(replace.id()).isEqualTo("r1");
    assertThat(replace.documentKey()).isEqualTo(new BsonDocument("_id", new BsonString("r1")));
    assertThat(replace.fullDocument()).hasValueSatisfying(n -> {
      assertThat(n.getText()).isEqualTo("rewritten");
      assertThat(n.getAuthor()).as("a replacement keeps nothing of the old document").isNull();
      assertThat(n.getTags()).containsExactly("x");
    });
    assertThat(replace.updateDescription()).as("a replace has no update description").isEmpty();
  }

  @Test
  void anUpsertingReplaceOfAMissingDocumentIsAnInsert() {
    notes.replaceOne(Filters.eq("_id", "r2"), new Document("text", "new"),
        new ReplaceOptions().upsert(true));
    notes.replaceOne(Filters.eq("_id", "r2"), new Document("text", "newer"));

    await().atMost(WAIT).until(() -> observers.all().size() == 2);
    assertThat(observers.all().map(ChangeEvent::operationType))
        .containsExactly(OperationType.INSERT, OperationType.REPLACE);
    assertThat(observers.replaces().map(e -> e.fullDocument().orElseThrow().getText())).containsExactly("newer");
  }

  @Test
  @RequiresCapability(Capability.UPDATE_DESCRIPTION)
  void listenForUpdatesReceivesUpdatesAndReplacements() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Subscription s = modelChanges.<Note>listenForUpdates(Note.class, (id, change) -> seen.add(
        change.operationType().getValue() + " " + id + " " + change.updateDescription().map(d -> "described")
            .orElse("whole:" + change.fullDocument().map(Note::getText).orElse("-"))));
    try {
      notes.insertOne(new Document("_id", "r3").append("text", "a"));
      notes.updateOne(Filters.eq("_id", "r3"), Updates.set("text", "b"));
      notes.replaceOne(Filters.eq("_id", "r3"), new Document("text", "c"));
      notes.deleteOne(Filters.eq("_id", "r3"));
      notes.insertOne(new Document("_id", "r4").append("text", "marker"));
      notes.updateOne(Filters.eq("_id", "r4"), Updates.set("text", "end"));

      await().atMost(WAIT).until(() -> seen.size() == 3);
    } finally {
      s.unsubscribe();
    }
    assertThat(seen).containsExactly("update r3 described", "replace r3 whole:c", "update r4 described");
  }
}
