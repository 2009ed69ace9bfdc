package dev.modelchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.changestream.OperationType;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class ChangeEventTest {
  private static String idOf(BsonDocument key) {
    return ChangeEvent.builder(Object.class).operationType(OperationType.INSERT).documentKey(key).build().id();
  }

  @Test
  void idsAreText() {
    ObjectId oid = new ObjectId();
    assertThat(idOf(new BsonDocument("_id", new BsonObjectId(oid)))).isEqualTo(oid.toHexString());
    assertThat(idOf(new BsonDocument("_id", new BsonString("a")))).isEqualTo("a");
    assertThat(idOf(new BsonDocument("_id", new BsonDouble(2.0)))).isEqualTo("2");
    assertThat(idOf(new BsonDocument("_id", new BsonDouble(2.5)))).isEqualTo("2.5");
    assertThat(idOf(BsonDocument.parse("{\"_id\": {\"$date\": \"2026-01-02T03:04:05Z\"}}")))
        .isEqualTo("{\"$date\": \"2026-01-02T03:04:05Z\"}");
    assertThat(idOf(null)).isNull();
  }

  @Test
  void equalEventsAreEqual() {
    BsonDocument key = new BsonDocument("_id", new BsonString("a"));
    ChangeEvent<Object> a = ChangeEvent.builder(Object.class).operationType(OperationType.DELETE).documentKey(key)
        .build();
    ChangeEvent<Object> b = ChangeEvent.builder(Object.class).operationType(OperationType.DELETE).documentKey(key)
        .build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).contains("delete").contains("id=a");
  }
}
