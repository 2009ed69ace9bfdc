package dev.modelchange.tck.matching;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.tck.AbstractTckTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract: an observer receives exactly the events its qualifier describes; operations, filter and
 * full-document mode all count. Beans: {@link MatchingObservers}.
 */
public abstract class AbstractMatchingTest extends AbstractTckTest {
  @Inject
  MatchingObservers observers;

  private MongoCollection<Document> articles;

  @BeforeAll
  void connect() {
    articles = database().getCollection("articles");
  }

  @Test
  void eachObserverReceivesExactlyTheChangesItsQualifierDescribes() {
    articles.insertOne(new Document("_id", "a1").append("title", "Draft").append("published", false)
        .append("views", 0));
    articles.insertOne(new Document("_id", "a2").append("title", "News").append("published", true)
        .append("views", 10));
    articles.updateOne(Filters.eq("_id", "a2"), Updates.inc("views", 200));
    articles.updateOne(Filters.eq("_id", "a1"), Updates.inc("views", 500));
    articles.deleteOne(Filters.eq("_id", "a1"));
    // a marker, so that everything before it has been dispatched when it arrives
    articles.insertOne(new Document("_id", "end").append("title", "End").append("published", true));

    await().atMost(WAIT).until(() -> observers.all().size() == 6 && observers.lookedUp().size() == 6);
    await().atMost(WAIT).until(() -> observers.published().size() == 3);

    assertThat(observers.all().map(ChangeEvent::operationType)).containsExactly(OperationType.INSERT,
        OperationType.INSERT, OperationType.UPDATE, OperationType.UPDATE, OperationType.DELETE,
        OperationType.INSERT);
    assertThat(observers.inserts().map(e -> e.fullDocument().orElseThrow().getTitle()))
        .containsExactly("Draft", "News", "End");
    assertThat(observers.insertsAndDeletes().map(ChangeEvent::operationType))
        .containsExactly(OperationType.INSERT, OperationType.INSERT, OperationType.DELETE, OperationType.INSERT);
    // the filter sees the looked-up document of an update: a2 is published, a1 is not; the delete has no document
    assertThat(observers.published().map(e -> e.operationType().getValue() + " " + e.fullDocument().orElseThrow().getTitle()))
        .containsExactly("insert News", "update News", "insert End");
    assertThat(observers.popular().map(e -> e.fullDocument().orElseThrow().getViews())).containsExactly(210);
  }

  @Test
  void updateLookupObserversGetTheWholeCurrentDocument() {
    articles.insertOne(new Document("_id", "b1").append("title", "Whole").append("published", false)
        .append("views", 1));
    articles.updateOne(Filters.eq("_id", "b1"), Updates.inc("views", 1));

    await().atMost(WAIT).until(() -> observers.lookedUp().events().stream()
        .anyMatch(e -> e.operationType() == OperationType.UPDATE && "Whole".equals(
            e.fullDocument().map(Article::getTitle).orElse(null))));
    Article current = observers.lookedUp().events().stream()
        .filter(e -> e.operationType() == OperationType.UPDATE).reduce((a, b) -> b).orElseThrow()
        .fullDocument().orElseThrow();
    assertThat(current.getTitle()).isEqualTo("Whole");
    assertThat(current.getViews()).isEqualTo(2);
  }
}
