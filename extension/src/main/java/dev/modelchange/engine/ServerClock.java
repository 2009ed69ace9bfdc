package dev.modelchange.engine;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/** The server's notion of "now", as a start position for a stream whose server sends no post-batch token. */
final class ServerClock {
  private ServerClock() {}

  /**
   * The server's operation time, else its cluster time, else its local time rounded down to the second; null
   * when the server tells none. Any of these is at or before the moment of the call, so a stream started there
   * misses nothing written after it (and may repeat a few changes of that second).
   */
  static BsonTimestamp now(MongoDatabase database) {
    BsonDocument reply;
    try {
      reply = database.runCommand(new BsonDocument("hello", new BsonInt32(1)), BsonDocument.class);
    } catch (MongoException e) {
      reply = database.runCommand(new BsonDocument("isMaster", new BsonInt32(1)), BsonDocument.class);
    }
    if (reply.isTimestamp("operationTime")) {
      return reply.getTimestamp("operationTime");
    }
    BsonValue cluster = reply.get("$clusterTime");
    if (cluster != null && cluster.isDocument() && cluster.asDocument().isTimestamp("clusterTime")) {
      return cluster.asDocument().getTimestamp("clusterTime");
    }
    if (reply.isDateTime("localTime")) {
      return new BsonTimestamp((int) (reply.getDateTime("localTime").getValue() / 1000), 0);
    }
    return null;
  }
}
