package dev.modelchange.store;

import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;

/**
 * Keeps positions in memory ({@code modelchange.resume-token.store=memory}): a restart of the container within
 * one JVM resumes, a restart of the JVM starts from now. For tests and for applications that resynchronise
 * anyway.
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
