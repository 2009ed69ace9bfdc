package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.testsupport.CapturedLog;
import dev.modelchange.testsupport.InJvmMongoDb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
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

/**
 * The MongoDB store against the in-JVM MongoDB. Where that server differs from real MongoDB (it keeps a TTL index's
 * options but never expires documents, has no {@code collMod}, and accepts a second index of one name with other
 * options), a test says which backend it needs.
 */
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

  private static Document ttlIndexOf(MongoCollection<Document> c) {
    List<Document> found = new ArrayList<>();
    for (Document index : c.listIndexes()) {
      if (MongoResumeTokenStore.TTL_INDEX.equals(index.getString("name"))) {
        found.add(index);
      }
    }
    assertThat(found).as("TTL indexes named " + MongoResumeTokenStore.TTL_INDEX).hasSizeLessThanOrEqualTo(1);
    return found.isEmpty() ? null : found.get(0);
  }

  @Test
  void theFirstSaveMakesAPartialTtlIndexThatExpiresOnlyThePositionsOfInstances() {
    MongoCollection<Document> fresh = client.getDatabase("app").getCollection("ttl_default");
    MongoResumeTokenStore s = new MongoResumeTokenStore(fresh);
    assertThat(ttlIndexOf(fresh)).isNull();

    s.save(new StreamKey("default", "pod-1", "db", "books", "default"), new BsonDocument("_data", new BsonString("01")));
    s.save(new StreamKey("default", "pod-1", "db", "books", "default"), new BsonDocument("_data", new BsonString("02")));

    Document index = ttlIndexOf(fresh);
    assertThat(index).isNotNull();
    assertThat(index.get("key", Document.class)).isEqualTo(new Document("savedAt", 1));
    assertThat(((Number) index.get("expireAfterSeconds")).longValue()).isEqualTo(Duration.ofDays(7).toSeconds());
    assertThat(index.get("partialFilterExpression", Document.class))
        .isEqualTo(new Document("instance", new Document("$exists", true)));
  }

  @Test
  void aPositionOfOneInstanceNamesItsInstanceAndASharedOneDoesNot() {
    StreamKey mine = new StreamKey("default", "pod-7", "db", "books", "default");
    StreamKey shared = mine.shared();

    store.save(mine, new BsonDocument("_data", new BsonString("01")));
    store.save(shared, new BsonDocument("_data", new BsonString("02")));

    assertThat(collection.find(Filters.eq("_id", "default@pod-7/db.books/default")).first())
        .containsEntry("instance", "pod-7").containsEntry("group", "default");
    assertThat(collection.find(Filters.eq("_id", "default/db.books/default")).first()).doesNotContainKey("instance");
    assertThat(store.load(mine)).contains(new BsonDocument("_data", new BsonString("01")));
    assertThat(store.load(shared)).contains(new BsonDocument("_data", new BsonString("02")));
  }

  @Test
  void theStoreOfTheSettingsExpiresInstancesAfterModelchangeInstanceExpireAfter() {
    Map<String, String> config = Map.of(ConfigKeys.RESUME_TOKEN_STORE, "mongodb",
        ConfigKeys.MONGODB_DATABASE, "app", ConfigKeys.RESUME_TOKEN_COLLECTION, "ttl_configured",
        ConfigKeys.INSTANCE_EXPIRE_AFTER, "2d");
    EngineSettings settings = EngineSettings.from(k -> Optional.ofNullable(config.get(k)));
    ResumeTokenStore s = ResumeTokenStores.fromSettings(settings, client, null).orElseThrow();

    s.save(new StreamKey("default", "pod-1", "db", "books", "default"), new BsonDocument("_data", new BsonString("01")));

    Document index = ttlIndexOf(client.getDatabase("app").getCollection("ttl_configured"));
    assertThat(((Number) index.get("expireAfterSeconds")).longValue()).isEqualTo(Duration.ofDays(2).toSeconds());
  }

  @Test
  void aTtlIndexOfAnotherTimeIsMadeAgainWithTheTimeOfTheSettings() {
    MongoCollection<Document> fresh = client.getDatabase("app").getCollection("ttl_changed");
    StreamKey k = new StreamKey("default", "pod-1", "db", "books", "default");
    new MongoResumeTokenStore(fresh, Duration.ofDays(7)).save(k, new BsonDocument("_data", new BsonString("01")));

    try (CapturedLog log = new CapturedLog("dev.modelchange.store")) {
      MongoResumeTokenStore shorter = new MongoResumeTokenStore(fresh, Duration.ofHours(1));
      shorter.save(k, new BsonDocument("_data", new BsonString("02")));
      shorter.save(k, new BsonDocument("_data", new BsonString("03")));

      assertThat(shorter.load(k)).contains(new BsonDocument("_data", new BsonString("03")));
      assertThat(((Number) ttlIndexOf(fresh).get("expireAfterSeconds")).longValue()).isEqualTo(3600);
      assertThat(log.messagesAt(Level.INFO)).containsExactly("MODELCHANGE-181 Changed the TTL index modelchange_instance_ttl"
          + " on app.ttl_changed from 604800 s to 3600 s (modelchange.instance.expire-after)");
    }
  }

  /** The TTL monitor of real MongoDB runs once a minute, and the in-JVM server has none: removed here on request. */
  @Test
  void removingInstancesNotSeenRemovesOnlyTheirOldPositions() {
    MongoCollection<Document> fresh = client.getDatabase("app").getCollection("ttl_removed");
    MongoResumeTokenStore s = new MongoResumeTokenStore(fresh);
    StreamKey gone = new StreamKey("default", "pod-gone", "db", "books", "default");
    StreamKey alive = new StreamKey("default", "pod-alive", "db", "books", "default");
    StreamKey shared = gone.shared();
    s.save(gone, new BsonDocument("_data", new BsonString("01")));
    s.save(alive, new BsonDocument("_data", new BsonString("02")));
    s.save(shared, new BsonDocument("_data", new BsonString("03")));
    Date longAgo = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
    fresh.updateOne(Filters.eq("_id", gone.value()), Updates.set("savedAt", longAgo));
    fresh.updateOne(Filters.eq("_id", shared.value()), Updates.set("savedAt", longAgo));
    s.leases().orElseThrow().acquire("instance/default@pod-gone", "engine-A", Duration.ofMillis(1)).orElseThrow();

    s.removeInstancesNotSeenSince(Instant.parse("2024-01-01T00:00:00Z"));

    assertThat(s.load(gone)).isEmpty();
    assertThat(s.load(alive)).isPresent();
    assertThat(s.load(shared)).isPresent();
    assertThat(fresh.countDocuments(Filters.eq("_id", new Document("lease", "instance/default@pod-gone"))))
        .as("leases are kept: their epochs fence positions").isEqualTo(1);
  }
}
