package dev.modelchange.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.BsonDocument;

/**
 * Keeps positions in a MongoDB collection ({@code modelchange.resume-token.collection}, default
 * {@code modelchange_resume_tokens}), one document per stream: {@code {_id: "<group>/<db>.<coll>/<shape>",
 * token: {...}, group, database, collection, shape, savedAt}}, replaced on each checkpoint (upsert).
 */
public final class MongoResumeTokenStore implements ResumeTokenStore {
  private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

  private final MongoCollection<Document> collection;

  /** Stores in {@code collection}. */
  public MongoResumeTokenStore(MongoCollection<?> collection) {
    this.collection = collection.withDocumentClass(Document.class);
  }

  @Override
  public Optional<BsonDocument> load(StreamKey key) {
    Document found = collection.find(Filters.eq("_id", key.value())).first();
    if (found == null) {
      return Optional.empty();
    }
    Object token = found.get("token");
    if (token instanceof Document) {
      return Optional.of(((Document) token).toBsonDocument(Document.class, collection.getCodecRegistry()));
    }
    if (token instanceof String) {
      return Optional.of(BsonDocument.parse((String) token)); // a JsonParseException marks it unreadable
    }
    throw new org.bson.json.JsonParseException("the stored token of " + key + " is not a document: " + token);
  }

  @Override
  public void save(StreamKey key, BsonDocument resumeToken) {
    Document doc = new Document("_id", key.value())
        .append("token", resumeToken)
        .append("group", key.group())
        .append("database", key.database())
        .append("collection", key.collection())
        .append("shape", key.shape())
        .append("savedAt", Date.from(Instant.now()));
    collection.replaceOne(Filters.eq("_id", key.value()), doc, UPSERT);
  }
}
