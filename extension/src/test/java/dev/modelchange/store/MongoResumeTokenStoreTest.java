package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.testsupport.InJvmMongoDb;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The MongoDB store against the in-JVM MongoDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoResumeTokenStoreTest {
  private static final StreamKey KEY = new StreamKey("default", "db", "books", "updateLookup");

  private InJvmMongoDb mongo;
  private MongoClient client;
  private MongoCollection<Document> collection;
  private MongoResumeTokenStore store;

  @BeforeAll
  void start() {
    mongo = InJvmMongoDb.start();
    client = MongoClients.create(mongo.uri());
    collection = client.getDatabase("app").getCollection("modelchange_resume_tokens");
    store = new MongoResumeTokenStore(collection);
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void saveThenLoadRoundTripsTheToken() {
    StreamKey k = new StreamKey("default", "db", "round", "updateLookup");
    BsonDocument token = new BsonDocument("_data", new BsonString("8266F1A2B3000000012B0229296E04"))
        .append("nested", new BsonDocument("bin", new BsonBinary(new byte[] {1, 2, 3})).append("n",
            new BsonInt64(7)));

    assertThat(store.load(k)).isEmpty();
    store.save(k, token);

    assertThat(store.load(k)).contains(token);
    assertThat(collection.find(Filters.eq("_id", k.value())).first())
        .containsEntry("group", "default")
        .containsEntry("collection", "round");
  }

  @Test
  void aSecondSaveReplacesTheFirst() {
    StreamKey k = new StreamKey("default", "db", "replaced", "updateLookup");
    store.save(k, new BsonDocument("_data", new BsonString("8201")));

    store.save(k, new BsonDocument("_data", new BsonString("8202")));

    assertThat(store.load(k)).contains(new BsonDocument("_data", new BsonString("8202")));
    assertThat(collection.countDocuments(Filters.eq("_id", k.value()))).isEqualTo(1L);
  }

  @Test
  void aStoredStringThatIsNotJsonMakesLoadThrowJsonParseException() {
    store.save(KEY, new BsonDocument("_data", new BsonString("8263")));
    collection.updateOne(Filters.eq("_id", KEY.value()), Updates.set("token", "{\"_data\": 8263 oops"));

    assertThatThrownBy(() -> store.load(KEY)).isInstanceOf(JsonParseException.class);
  }
}
