package dev.modelchange.tck.realmongo;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ChangeStreamPreAndPostImagesOptions;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ListenOptions;
import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import dev.modelchange.tck.Recorder;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.RequiresCapability;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract: a listener that asks for pre-images ({@link ListenOptions.Builder#fullDocumentBeforeChange}) receives
 * with each update, replacement and delete the document as it was before, where the collection keeps pre-images
 * ({@code changeStreamPreAndPostImages: {enabled: true}}); {@code whenAvailable} on a collection that keeps none
 * delivers the events without them; a filter sees a deleted document through its pre-image; and post-images
 * ({@code fullDocument: required}) are the document right after each change, not the current one. Beans: none
 * besides ModelChange's own.
 */
@RequiresCapability(Capability.PRE_AND_POST_IMAGES)
public abstract class AbstractPreImageTest extends AbstractTckTest {
  @Inject
  ModelChanges modelChanges;

  private MongoCollection<Document> profiles;
  private MongoCollection<Document> visitors;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();

  @BeforeAll
  void createCollections() {
    MongoDatabase db = database();
    db.getCollection("profiles").drop();
    db.createCollection("profiles", new CreateCollectionOptions()
        .changeStreamPreAndPostImagesOptions(new ChangeStreamPreAndPostImagesOptions(true)));
    profiles = db.getCollection("profiles");
    visitors = db.getCollection("visitors"); // created by its first insert: no pre-images
  }

  @AfterEach
  void unsubscribe() {
    subscriptions.forEach(Subscription::unsubscribe);
    subscriptions.clear();
    List<Throwable> seen = List.copyOf(errors);
    errors.clear();
    assertThat(seen).as("errors of the listeners").isEmpty();
  }

  private <T> Recorder<T> listen(Class<T> model, FullDocument fullDocument, FullDocumentBeforeChange before) {
    Recorder<T> recorder = new Recorder<>();
    subscriptions.add(modelChanges.listenForChanges(model, ListenOptions.<T>builder()
        .fullDocument(fullDocument)
        .fullDocumentBeforeChange(before)
        .onChange((id, change) -> recorder.record(change))
        .onError(errors::add)
        .build()));
    return recorder;
  }

  private static String email(ChangeEvent<Profile> e, boolean before) {
    return (before ? e.fullDocumentBeforeChange() : e.fullDocument()).map(Profile::getEmail).orElse("-");
  }

  @Test
  void whenAvailableGivesUpdatesAndDeletesTheDocumentAsItWasBefore() {
    Recorder<Profile> seen = listen(Profile.class, FullDocument.DEFAULT, FullDocumentBeforeChange.WHEN_AVAILABLE);
    profiles.insertOne(new Document("_id", "p1").append("name", "Ada").append("email", "ada@old"));
    profiles.updateOne(Filters.eq("_id", "p1"), Updates.set("email", "ada@new"));
    profiles.deleteOne(Filters.eq("_id", "p1"));

    await().atMost(WAIT).until(() -> seen.size() == 3);
    assertThat(seen.map(ChangeEvent::operationType))
        .containsExactly(OperationType.INSERT, OperationType.UPDATE, OperationType.DELETE);
    assertThat(seen.map(e -> email(e, true))).containsExactly("-", "ada@old", "ada@new");
    assertThat(seen.events().get(2).fullDocumentBeforeChange().orElseThrow().getName()).isEqualTo("Ada");
  }

  @Test
  void requiredGivesAReplacementItsBeforeAndAfter() {
    Recorder<Profile> seen = listen(Profile.class, FullDocument.DEFAULT, FullDocumentBeforeChange.REQUIRED);
    profiles.insertOne(new Document("_id", "p2").append("name", "Bo").append("email", "bo@one"));
    profiles.replaceOne(Filters.eq("_id", "p2"), new Document("name", "Bo").append("email", "bo@two"));

    await().atMost(WAIT).until(() -> seen.size() == 2);
    ChangeEvent<Profile> replace = seen.events().get(1);
    assertThat(replace.operationType()).isEqualTo(OperationType.REPLACE);
    assertThat(email(replace, true)).isEqualTo("bo@one");
    assertThat(email(replace, false)).isEqualTo("bo@two");
  }

  @Test
  void postImagesAreTheDocumentRightAfterEachChange() {
    Recorder<Profile> seen = listen(Profile.class, FullDocument.REQUIRED, FullDocumentBeforeChange.DEFAULT);
    profiles.insertOne(new Document("_id", "p3").append("name", "Cy").append("email", "cy@1"));
    profiles.updateOne(Filters.eq("_id", "p3"), Updates.set("email", "cy@2"));
    profiles.updateOne(Filters.eq("_id", "p3"), Updates.set("email", "cy@3"));

    await().atMost(WAIT).until(() -> seen.size() == 3);
    // an update lookup could give the first update the current document (cy@3); a post-image cannot
    assertThat(seen.map(e -> email(e, false))).containsExactly("cy@1", "cy@2", "cy@3");
  }

  @Test
  void aFilterSeesADeletedDocumentThroughItsPreImage() {
    List<String> deleted = new CopyOnWriteArrayList<>();
    subscriptions.add(modelChanges.listenForChanges(Profile.class, ListenOptions.<Profile>builder()
        .fullDocumentBeforeChange(FullDocumentBeforeChange.WHEN_AVAILABLE)
        .operationTypes(OperationType.DELETE)
        .filter(Filters.eq("name", "Dee"))
        .onChange((id, change) -> deleted.add(id))
        .onError(errors::add)
        .build()));
    profiles.insertMany(List.of(new Document("_id", "p4").append("name", "Dee"),
        new Document("_id", "p5").append("name", "Eve"), new Document("_id", "p6").append("name", "Dee")));
    profiles.deleteOne(Filters.eq("_id", "p4"));
    profiles.deleteOne(Filters.eq("_id", "p5"));
    profiles.deleteOne(Filters.eq("_id", "p6"));

    await().atMost(WAIT).until(() -> deleted.size() == 2);
    assertThat(deleted).containsExactly("p4", "p6");
  }

  @Test
  void whenAvailableOnACollectionWithoutPreImagesDeliversWithoutThem() {
    Recorder<Visitor> seen = listen(Visitor.class, FullDocument.DEFAULT, FullDocumentBeforeChange.WHEN_AVAILABLE);
    visitors.insertOne(new Document("_id", "v1").append("name", "Fay"));
    visitors.updateOne(Filters.eq("_id", "v1"), Updates.set("name", "Fay B."));
    visitors.deleteOne(Filters.eq("_id", "v1"));

    await().atMost(WAIT).until(() -> seen.size() == 3);
    assertThat(seen.map(ChangeEvent::operationType))
        .containsExactly(OperationType.INSERT, OperationType.UPDATE, OperationType.DELETE);
    assertThat(seen.events()).allSatisfy(e -> assertThat(e.fullDocumentBeforeChange()).isEmpty());
  }
}
