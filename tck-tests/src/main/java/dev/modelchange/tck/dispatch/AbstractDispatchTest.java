package dev.modelchange.tck.dispatch;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.tck.AbstractTckTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: synchronous observers run on the collection's worker in {@code @Priority} order; asynchronous ones are
 * notified with {@code fireAsync}; a failing observer is reported as a {@link ChangeStreamFailure} and never stops
 * the stream or the other observers. Beans: {@link DispatchObservers}.
 */
public abstract class AbstractDispatchTest extends AbstractTckTest {
  @Inject
  DispatchObservers observers;

  private MongoCollection<Document> orders;

  @BeforeAll
  void connect() {
    orders = database().getCollection("orders");
  }

  @BeforeEach
  void clear() {
    observers.clear();
  }

  @Test
  void synchronousObserversRunInPriorityOrder() {
    orders.insertOne(new Document("item", "tea"));
    orders.insertOne(new Document("item", "cake"));

    await().atMost(WAIT).until(() -> observers.calls().size() == 6);
    assertThat(observers.calls()).containsExactly("early:tea", "middle:tea", "late:tea",
        "early:cake", "middle:cake", "late:cake");
  }

  @Test
  void asynchronousObserversRunOffTheWorker() {
    orders.insertOne(new Document("item", "coffee"));

    await().atMost(WAIT).until(() -> observers.async().size() == 1);
    assertThat(observers.async().events().get(0).fullDocument().orElseThrow().getItem()).isEqualTo("coffee");
    assertThat(observers.async().threads().get(0)).doesNotStartWith("modelchange-");
  }

  @Test
  void aFailingObserverIsReportedAndTheStreamGoesOn() {
    orders.insertOne(new Document("item", "boom"));
    orders.insertOne(new Document("item", "after"));

    await().atMost(WAIT).until(() -> observers.calls().size() == 6 && observers.thrower().size() == 2);
    assertThat(observers.calls()).containsExactly("early:boom", "middle:boom", "late:boom",
        "early:after", "middle:after", "late:after");
    assertThat(observers.failures()).hasSize(1);
    ChangeStreamFailure failure = observers.failures().get(0);
    assertThat(failure.observer()).hasValueSatisfying(o -> assertThat(o).contains("DispatchObservers")
        .contains("throwing"));
    assertThat(failure.cause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("on purpose");
    assertThat(failure.modelType()).isEqualTo(Order.class);
    assertThat(failure.event()).isPresent();
  }
}
