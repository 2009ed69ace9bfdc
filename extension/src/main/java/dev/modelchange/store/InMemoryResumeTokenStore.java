package dev.modelchange.store;

import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;

/**
 * Keeps positions in memory ({@code modelchange.resume-token.store=memory}), for as long as this instance lives:
 * streams reopened after a failure resume, but a restarted application (which makes a new store) starts from
 * now. For tests, and for applications that resynchronise at start anyway. A {@code ResumeTokenStore} bean of
 * this class that outlives restarts (as in tests) resumes across them.
 */
public final class InMemoryResumeTokenStore implements ResumeTokenStore {
  private final Map<StreamKey, BsonDocument> tokens = new ConcurrentHashMap<>();

  @Override
  public Optional<BsonDocument> load(StreamKey key) {
    return Optional.ofNullable(tokens.get(key)).map(BsonDocument::clone);
  }

  @Override
  public void save(StreamKey key, BsonDocument resumeToken) {
    tokens.put(key, resumeToken.clone());
  }

  /** The keys stored so far. */
  public Map<StreamKey, BsonDocument> snapshot() {
    return Map.copyOf(tokens);
  }
}
