package dev.modelchange.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelchange.spi.Lease;
import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.StreamKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The leases of a {@link MongoResumeTokenStore}, in its collection; see there for the documents and statements. */
final class MongoLeaseStore implements LeaseStore {
  private static final FindOneAndUpdateOptions AFTER =
      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
  private static final Date RELEASED = new Date(0);

  private final MongoResumeTokenStore positions;
  private final MongoCollection<Document> collection;
  private final Clock clock;

  MongoLeaseStore(MongoResumeTokenStore positions, MongoCollection<Document> collection, Clock clock) {
    this.positions = positions;
    this.collection = collection;
    this.clock = clock;
  }

  /** The {@code _id} of a lease: a sub-document, so never equal to a stream's string {@code _id}. */
  static Document id(String name) {
    return new Document("lease", name);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS); // a BSON date holds milliseconds
  }

  private static Duration checked(Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw StoreMessages.badLeaseDuration(duration);
    }
    return duration;
  }

  @Override
  public Optional<Lease> acquire(String name, String holder, Duration duration) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    checked(duration);
    Instant now = now();
    Date until = Date.from(now.plus(duration));
    // 1. the holder has it already (expired or not: no one took it since): extend it, same epoch
    Document held = collection.findOneAndUpdate(Filters.and(Filters.eq("_id", id(name)), Filters.eq("holder", holder)),
        Updates.set("expiresAt", until), AFTER);
    if (held != null) {
      return Optional.of(lease(name, held));
    }
    // 2. take it when it lapsed: a new holder, the next epoch
    Document taken = collection.findOneAndUpdate(
        Filters.and(Filters.eq("_id", id(name)), Filters.lt("expiresAt", Date.from(now))),
        Updates.combine(Updates.set("holder", holder), Updates.set("expiresAt", until), Updates.unset("releasedAt"),
            Updates.inc("epoch", 1L)),
        AFTER);
    if (taken != null) {
      return Optional.of(lease(name, taken));
    }
    // 3. never taken, or removed (see removeLapsedBefore): make it; a lease held by another makes the insert collide
    Document made = new Document("_id", id(name)).append("holder", holder).append("epoch", firstEpoch(now))
        .append("expiresAt", until);
    try {
      collection.insertOne(made);
      return Optional.of(lease(name, made));
    } catch (MongoException e) {
      if (MongoResumeTokenStore.isDuplicateKey(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The epoch of a lease document made now: its time in milliseconds, not 1, so that a lease removed long after
   * it lapsed and made again still has a later epoch than any position saved under the old one (whose epoch is its
   * own first epoch plus one per change of holder: far fewer than the milliseconds in between).
   */
  private static long firstEpoch(Instant now) {
    return now.toEpochMilli();
  }

  @Override
  public boolean renew(Lease lease, Duration duration) {
    checked(duration);
    Date until = Date.from(now().plus(duration));
    return collection.updateOne(held(lease), Updates.set("expiresAt", until)).getMatchedCount() == 1;
  }

  @Override
  public void release(Lease lease) {
    collection.updateOne(held(lease),
        Updates.combine(Updates.set("expiresAt", RELEASED), Updates.set("releasedAt", Date.from(now()))));
  }

  /**
   * Removes the leases that lapsed, or were released, before {@code before}: the claims of instances long gone,
   * and the leases of streams no instance runs any more. A held lease, or one released since, stays.
   */
  void removeLapsedBefore(Instant before) {
    Date then = Date.from(before);
    collection.deleteMany(Filters.and(Filters.exists("_id.lease", true), Filters.or(
        Filters.and(Filters.lt("expiresAt", then), Filters.gt("expiresAt", RELEASED)),
        Filters.and(Filters.eq("expiresAt", RELEASED), Filters.lt("releasedAt", then)))));
  }

  private static Bson held(Lease lease) {
    return Filters.and(Filters.eq("_id", id(lease.name())), Filters.eq("holder", lease.holder()),
        Filters.eq("epoch", lease.epoch()));
  }

  @Override
  public Optional<Lease> holder(String name) {
    Document found = collection.find(Filters.eq("_id", id(name))).first();
    if (found == null) {
      return Optional.empty();
    }
    Lease lease = lease(name, found);
    return lease.expiresAt().isAfter(now()) ? Optional.of(lease) : Optional.empty();
  }

  @Override
  public boolean saveFenced(StreamKey key, BsonDocument resumeToken, Lease lease) {
    positions.ensureTtlIndex();
    Bson notLater = Filters.and(Filters.eq("_id", key.value()),
        Filters.or(Filters.exists("epoch", false), Filters.lte("epoch", lease.epoch())));
    List<Bson> fields = positions.positionFields(key, resumeToken);
    fields.add(Updates.set("epoch", lease.epoch()));
    try {
      collection.updateOne(notLater, Updates.combine(fields), UPSERT);
      return true;
    } catch (MongoException e) {
      if (MongoResumeTokenStore.isDuplicateKey(e)) {
        return false; // the document holds a later epoch: a newer holder saved
      }
      throw e;
    }
  }

  private Lease lease(String name, Document d) {
    Object holder = d.get("holder");
    Object epoch = d.get("epoch");
    Object expiresAt = d.get("expiresAt");
    if (!(holder instanceof String) || !(epoch instanceof Number) || !(expiresAt instanceof Date)) {
      throw StoreMessages.unreadableLease(name, collection.getNamespace().getFullName(),
          "holder must be a string, epoch a number and expiresAt a date, but the document is " + d.toJson());
    }
    return new Lease(name, (String) holder, ((Number) epoch).longValue(), ((Date) expiresAt).toInstant());
  }

  @Override
  public String toString() {
    return "leases in " + collection.getNamespace();
  }
}
