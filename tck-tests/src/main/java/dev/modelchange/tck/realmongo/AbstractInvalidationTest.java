package dev.modelchange.tck.realmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.tck.AbstractTckTest;
import dev.modelchange.tck.TckDatabase;
import dev.modelchange.tck.backend.Capability;
import dev.modelchange.tck.backend.RequiresCapability;
import jakarta.inject.Inject;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract: dropping a watched collection invalidates its stream, and the gap is never silent: ModelChange fires a
 * {@link ChangeStreamGap} with reason {@code INVALIDATED} and goes on after the invalidation ({@code startAfter}),
 * so the documents of the collection written anew reach the observers. Beans: {@link SensorObservers}.
 */
@RequiresCapability(Capability.INVALIDATE_ON_DROP)
public abstract class AbstractInvalidationTest extends AbstractTckTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Inject
  SensorObservers observers;

  private MongoCollection<Document> sensors;

  @BeforeAll
  void connect() {
    sensors = database().getCollection("sensors");
  }

  @Test
  void droppingTheCollectionIsAGapAndTheStreamGoesOnAfterIt() {
    sensors.insertOne(new Document("_id", "s1"));
    await().atMost(WAIT).until(() -> observers.inserted().contains("s1"));

    sensors.drop();

    await().atMost(WAIT).until(() -> !observers.gaps().isEmpty());
    ChangeStreamGap gap = observers.gaps().get(0);
    assertThat(gap.reason()).isEqualTo(ChangeStreamGap.Reason.INVALIDATED);
    assertThat(gap.modelType()).isEqualTo(Sensor.class);
    assertThat(gap.namespace().getFullName()).isEqualTo(TckDatabase.NAME + ".sensors");
    assertThat(gap.newPosition()).as("it goes on after the invalidation").isPresent();

    // written after the invalidation, even before the stream has reopened: delivered
    sensors.insertOne(new Document("_id", "s2"));
    await().atMost(WAIT).until(() -> observers.inserted().contains("s2"));
    assertThat(observers.inserted()).containsExactly("s1", "s2");
    assertThat(observers.gaps()).hasSize(1);
  }
}
