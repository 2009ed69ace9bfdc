package dev.modelchange.tck.realmongo;

import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.store.InMemoryResumeTokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * A resume-token store (in memory) that can make the stored positions of a collection expire, as if the oplog had
 * rolled past them: the token keeps its form and gets the cluster time {@code Timestamp(1, 1)}, long before any
 * oplog's first entry. (Rolling a real oplog is impractical: {@code replSetResizeOplog} will not go below 990 MB.)
 *
 * <p>An {@link Alternative} without a priority, so that it replaces the configured store only where a runner
 * selects it: for {@link AbstractHistoryLostTest} (Weld: {@code Weld.alternatives(ExpiringTokenStore.class)};
 * Quarkus: {@code quarkus.arc.selected-alternatives} in that test's profile).
 */
@Alternative
@ApplicationScoped
public class ExpiringTokenStore implements ResumeTokenStore {
  /** The cluster time of an expired token, as the hex of its 8 bytes: seconds 1, increment 1. */
  static final String EXPIRED_TIME = "0000000100000001";
  /** The first byte of a resume token's {@code _data} (4.2+): a timestamp follows. */
  private static final String TIMESTAMP_TYPE = "82";

  private final InMemoryResumeTokenStore tokens = new InMemoryResumeTokenStore();

  @Override
  public Optional<BsonDocument> load(StreamKey key) {
    return tokens.load(key);
  }

  @Override
  public void save(StreamKey key, BsonDocument resumeToken) {
    tokens.save(key, resumeToken);
  }

  /**
   * Makes every stored position of {@code collection} expire.
   *
   * @return the expired tokens, by stream
   */
  public synchronized Map<StreamKey, BsonDocument> expire(String collection) {
    Map<StreamKey, BsonDocument> expired = new HashMap<>();
    tokens.snapshot().forEach((key, token) -> {
      if (key.collection().equals(collection)) {
        BsonDocument old = expired(token);
        tokens.save(key, old);
        expired.put(key, old);
      }
    });
    return expired;
  }

  /** {@code token} with its cluster time set to {@code Timestamp(1, 1)}. */
  static BsonDocument expired(BsonDocument token) {
    String data = token.isString("_data") ? token.getString("_data").getValue() : "";
    if (!data.regionMatches(true, 0, TIMESTAMP_TYPE, 0, 2) || data.length() < 18) {
      throw new IllegalStateException("Not a resume token of MongoDB 4.2+ (hex _data starting with the cluster "
          + "time): " + token.toJson());
    }
    BsonDocument copy = token.clone();
    copy.put("_data", new BsonString(data.substring(0, 2) + EXPIRED_TIME + data.substring(18)));
    return copy;
  }
}
