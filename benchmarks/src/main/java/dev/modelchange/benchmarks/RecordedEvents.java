package dev.modelchange.benchmarks;

import java.util.Date;
import java.util.HexFormat;
import java.util.Random;
import org.bson.BsonDocument;
import org.bson.BsonDateTime;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.ObjectId;

/**
 * Pre-recorded change-stream documents, shaped as real MongoDB 6/7 sends them for inserts into
 * {@code bench.books} (the in-JVM server sends fewer fields: no {@code ns}, no {@code wallTime}): a resume token
 * {@code {_data: "82..."}} of the real length for an ObjectId key, {@code operationType}, {@code clusterTime},
 * {@code wallTime}, {@code fullDocument {_id, userId, seq, title, author}}, {@code ns} and {@code documentKey}.
 * Kept as raw BSON, as the cursor receives them.
 */
public final class RecordedEvents {
  private RecordedEvents() {}

  /** {@code count} inserts; event {@code i} has {@code userId = i % users}. */
  public static RawBsonDocument[] inserts(int count, int users) {
    Random random = new Random(42);
    HexFormat hex = HexFormat.of().withUpperCase();
    byte[] uuid = new byte[16];
    random.nextBytes(uuid);
    int seconds = 1_767_225_600; // 2026-01-01
    RawBsonDocument[] events = new RawBsonDocument[count];
    for (int i = 0; i < count; i++) {
      ObjectId id = new ObjectId(new Date(seconds * 1000L), i);
      String data = "82" + String.format("%08X%08X", seconds, i + 1) + "2B022C0100296E5A1004"
          + hex.formatHex(uuid) + "46645F6964006" + "4" + id.toHexString().toUpperCase() + "0004";
      BsonDocument doc = new BsonDocument()
          .append("_id", new BsonDocument("_data", new BsonString(data)))
          .append("operationType", new BsonString("insert"))
          .append("clusterTime", new BsonTimestamp(seconds, i + 1))
          .append("wallTime", new BsonDateTime(seconds * 1000L + i))
          .append("fullDocument", new BsonDocument()
              .append("_id", new BsonObjectId(id))
              .append("userId", new BsonInt32(i % users))
              .append("seq", new BsonInt32(i))
              .append("title", new BsonString("Title " + i))
              .append("author", new BsonString("Author " + (i % 37))))
          .append("ns", new BsonDocument("db", new BsonString(Bench.DATABASE))
              .append("coll", new BsonString(Bench.BOOKS)))
          .append("documentKey", new BsonDocument("_id", new BsonObjectId(id)));
      events[i] = new RawBsonDocument(doc, new BsonDocumentCodec());
    }
    return events;
  }
}
