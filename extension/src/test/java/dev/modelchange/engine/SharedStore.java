package dev.modelchange.engine;

import dev.modelchange.spi.Lease;
import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;

/**
 * A store that several engines of one test share, with leases: what the MongoDB and JDBC stores give, kept in
 * maps, so that the engine's side of several instances is tested apart from theirs.
 */
final class SharedStore implements ResumeTokenStore, LeaseStore {
  private final Map<String, BsonDocument> tokens = new HashMap<>();
  private final Map<String, Long> tokenEpochs = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();

  @Override
  public synchronized Optional<BsonDocument> load(StreamKey key) {
    return Optional.ofNullable(tokens.get(key.value()));
  }

  @Override
  public synchronized void save(StreamKey key, BsonDocument token) {
    tokens.put(key.value(), token);
  }

  synchronized Map<String, BsonDocument> tokens() {
    return Map.copyOf(tokens);
  }

  @Override
  public Optional<LeaseStore> leases() {
    return Optional.of(this);
  }

  @Override
  public synchronized Optional<Lease> acquire(String name, String holder, Duration duration) {
    Lease current = leases.get(name);
    Instant now = Instant.now();
    if (current != null && !current.holder().equals(holder) && current.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    long epoch = current == null ? 1 : current.holder().equals(holder) ? current.epoch() : current.epoch() + 1;
    Lease taken = new Lease(name, holder, epoch, now.plus(duration));
    leases.put(name, taken);
    return Optional.of(taken);
  }

  @Override
  public synchronized boolean renew(Lease lease, Duration duration) {
    Lease current = leases.get(lease.name());
    if (current == null || !current.holder().equals(lease.holder()) || current.epoch() != lease.epoch()) {
      return false;
    }
    leases.put(lease.name(), new Lease(lease.name(), lease.holder(), lease.epoch(), Instant.now().plus(duration)));
    return true;
  }

  @Override
  public synchronized void release(Lease lease) {
    Lease current = leases.get(lease.name());
    if (current != null && current.holder().equals(lease.holder()) && current.epoch() == lease.epoch()) {
      leases.put(lease.name(), new Lease(lease.name(), lease.holder(), lease.epoch(), Instant.EPOCH));
    }
  }

  /** The lease named {@code name} as stored, lapsed or not; null if never taken. */
  synchronized Lease lease(String name) {
    return leases.get(name);
  }

  @Override
  public synchronized Optional<Lease> holder(String name) {
    return Optional.ofNullable(leases.get(name)).filter(l -> l.expiresAt().isAfter(Instant.now()));
  }

  @Override
  public synchronized boolean saveFenced(StreamKey key, BsonDocument token, Lease lease) {
    Long epoch = tokenEpochs.get(key.value());
    if (epoch != null && epoch > lease.epoch()) {
      return false;
    }
    tokens.put(key.value(), token);
    tokenEpochs.put(key.value(), lease.epoch());
    return true;
  }
}
