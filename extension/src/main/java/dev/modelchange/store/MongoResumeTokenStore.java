package dev.modelchange.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Keeps positions in a MongoDB collection ({@code modelchange.resume-token.collection}, default
 * {@code modelchange_resume_tokens}), one document per stream, updated on each checkpoint (upsert):
 *
 * <pre>
 * {_id: "&lt;group&gt;[@&lt;instance&gt;]/&lt;db&gt;.&lt;coll&gt;/&lt;shape&gt;", token: {...}, group, database, collection, shape,
 *  savedAt: Date,
 *  instance: "&lt;instance&gt;",   // only for the stream of one instance (Delivery.EACH_INSTANCE)
 *  epoch: NumberLong}        // only once saved under a lease (Delivery.ONE_INSTANCE): the fence
 * </pre>
 *
 * <p><b>Instances that are gone.</b> At its first save the store makes sure of a TTL index
 * {@value #TTL_INDEX} on {@code savedAt} with {@code partialFilterExpression: {instance: {$exists: true}}} and
 * {@code expireAfterSeconds} = {@code modelchange.instance.expire-after}, so that MongoDB removes the positions of
 * instances not seen that long (its TTL monitor runs about once a minute), and never a position the group shares
 * nor a lease. An index of that name with another time is dropped and made again with this one (so instances configured
 * with different times make it flip at each start: give them one time). When the user may not
 * create or change indexes, MODELCHANGE-180 says which command to run, and saving goes on.
 * {@link #removeInstancesNotSeenSince} removes the same documents at once, on request.
 *
 * <p><b>Leases</b> ({@link #leases()}) live in the same collection, one document per lease, whose {@code _id} is a
 * sub-document and so can never equal a stream's (string) {@code _id}:
 *
 * <pre>
 * {_id: {lease: "&lt;name&gt;"}, holder: "&lt;holder&gt;", epoch: NumberLong, expiresAt: Date, releasedAt: Date}
 * </pre>
 *
 * <ul>
 *   <li>{@code acquire}: a {@code findOneAndUpdate} on {@code {_id, holder}} that only extends
 *       {@code expiresAt} (the holder renews: same epoch); when it matches nothing, a {@code findOneAndUpdate}
 *       on {@code {_id, expiresAt: {$lt: now}}} that sets holder and expiry and increments the epoch (a new
 *       holder); when that matches nothing either, an {@code insertOne} of the lease with the time in
 *       milliseconds as its first epoch (a lease never taken, or removed). When the lease is held by another, the
 *       insert fails with a duplicate key (11000), and {@code acquire} returns empty. Three statements rather
 *       than one because a single one that increments the epoch only when the holder changes needs an update
 *       pipeline (MongoDB 4.2+), which the in-JVM test server lacks; each statement is atomic on its document,
 *       so the three are as safe as one (racers: one wins the update or the insert, the others' inserts collide).
 *   <li>{@code renew} and {@code release}: updates conditional on {@code holder} and {@code epoch};
 *       {@code release} sets {@code expiresAt} to 1970, so any other instance may take it at once whatever its
 *       clock, and {@code releasedAt} to now, so that it is removed in time.
 *   <li>{@code saveFenced}: an update with upsert of the stream's document conditional on
 *       {@code {$or: [{epoch: {$exists: false}}, {epoch: {$lte: <lease epoch>}}]}}, which writes the lease's epoch
 *       with the token; a later epoch stored there makes the upsert collide (11000): fenced out, false. A plain
 *       {@link #save} keeps the {@code epoch} field, so the fence stays.
 * </ul>
 *
 * <p><b>Time.</b> Lease expiry is read on the caller's clock ({@code Instant.now()}, in milliseconds, as a BSON
 * date holds), not the server's: instances whose clocks differ by more than a small part of the lease duration
 * could take a lease before its holder deems it lapsed. Keep clocks synchronised (NTP) and leases long against
 * the skew (seconds against milliseconds). Fencing does not depend on clocks: an old holder cannot overwrite a
 * position saved under a later epoch whatever the time. A lease document made (or made again) starts at the
 * time in milliseconds as its epoch, not at 1: {@link #removeInstancesNotSeenSince} removes the leases that lapsed
 * or were released ({@code releasedAt}) longer than {@code instance.expire-after} ago, so that the claims of pods
 * long gone do not pile up, and a lease made again must still fence out positions saved under the old one.
 *
 * <p>Thread-safe.
 */
public final class MongoResumeTokenStore implements ResumeTokenStore {
  /** The name of the TTL index on the positions of instances. */
  static final String TTL_INDEX = "modelchange_instance_ttl";
  /** {@code modelchange.instance.expire-after}'s default. */
  static final Duration DEFAULT_INSTANCE_EXPIRE_AFTER = Duration.ofDays(7);
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

  private final MongoCollection<Document> collection;
  private final long expireAfterSeconds;
  private final Clock clock;
  private final MongoLeaseStore leases;
  private final Object ttlLock = new Object();
  private volatile boolean ttlIndexChecked;

  /** Stores in {@code collection}; positions of instances expire after 7 days. */
  public MongoResumeTokenStore(MongoCollection<?> collection) {
    this(collection, DEFAULT_INSTANCE_EXPIRE_AFTER);
  }

  /**
   * Stores in {@code collection}; positions of instances expire after {@code instanceExpireAfter}
   * ({@code modelchange.instance.expire-after}), rounded up to whole seconds.
   */
  public MongoResumeTokenStore(MongoCollection<?> collection, Duration instanceExpireAfter) {
    this(collection, instanceExpireAfter, Clock.systemUTC());
  }

  /** With the clock that times leases: a test's. */
  MongoResumeTokenStore(MongoCollection<?> collection, Duration instanceExpireAfter, Clock clock) {
    this.collection = collection.withDocumentClass(Document.class);
    this.expireAfterSeconds = seconds(Objects.requireNonNull(instanceExpireAfter, "instanceExpireAfter"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.leases = new MongoLeaseStore(this, this.collection, clock);
  }

  private static long seconds(Duration d) {
    long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, Math.min(Integer.MAX_VALUE, s));
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

  /** Sets the position's fields; other fields of the document ({@code epoch}) are kept. */
  @Override
  public void save(StreamKey key, BsonDocument resumeToken) {
    ensureTtlIndex();
    collection.updateOne(Filters.eq("_id", key.value()), Updates.combine(positionFields(key, resumeToken)), UPSERT);
  }

  List<Bson> positionFields(StreamKey key, BsonDocument resumeToken) {
    List<Bson> fields = new ArrayList<>(List.of(
        Updates.set("token", resumeToken),
        Updates.set("group", key.group()),
        Updates.set("database", key.database()),
        Updates.set("collection", key.collection()),
        Updates.set("shape", key.shape()),
        Updates.set("savedAt", Date.from(Instant.now()))));
    key.instance().ifPresent(instance -> fields.add(Updates.set("instance", instance)));
    return fields;
  }

  /** The leases, in this collection. */
  @Override
  public Optional<LeaseStore> leases() {
    return Optional.of(leases);
  }

  /**
   * Removes at once what the TTL index removes in time, the positions of instances saved before {@code before},
   * and the leases that lapsed or were released before it (the claims of instances that are gone). Shared
   * positions stay.
   */
  @Override
  public void removeInstancesNotSeenSince(Instant before) {
    collection.deleteMany(Filters.and(Filters.exists("instance", true), Filters.lt("savedAt", Date.from(before))));
    leases.removeLapsedBefore(before);
  }

  @Override
  public String toString() {
    return "MongoResumeTokenStore[" + collection.getNamespace() + "]";
  }

  /**
   * Makes sure of the TTL index, once per store. A refusal of the server (no privilege, a conflicting index) is
   * logged and not retried; a failure to reach it fails this save, and the next save tries again.
   */
  void ensureTtlIndex() {
    if (ttlIndexChecked) {
      return;
    }
    synchronized (ttlLock) {
      if (ttlIndexChecked) {
        return;
      }
      String where = collection.getNamespace().getFullName();
      try {
        Document existing = null;
        for (Document index : collection.listIndexes()) {
          if (TTL_INDEX.equals(index.getString("name"))) {
            existing = index;
          }
        }
        if (existing == null) {
          createTtlIndex();
          StoreMessages.ttlIndexCreated(where, TTL_INDEX, expireAfterSeconds);
        } else {
          Object current = existing.get("expireAfterSeconds");
          long was = current instanceof Number ? ((Number) current).longValue() : -1;
          if (was != expireAfterSeconds) {
            // dropped and made again rather than collMod, which needs the database and which the in-JVM server
            // lacks; meanwhile nothing expires, which is harmless
            collection.dropIndex(TTL_INDEX);
            createTtlIndex();
            StoreMessages.ttlIndexChanged(where, TTL_INDEX, was, expireAfterSeconds);
          }
        }
      } catch (MongoServerException e) {
        StoreMessages.ttlIndexNotMade(collection.getNamespace().getCollectionName(), TTL_INDEX, expireAfterSeconds,
            e);
      }
      ttlIndexChecked = true;
    }
  }

  private void createTtlIndex() {
    collection.createIndex(Indexes.ascending("savedAt"), new IndexOptions().name(TTL_INDEX)
        .expireAfter(expireAfterSeconds, TimeUnit.SECONDS)
        .partialFilterExpression(Filters.exists("instance", true)));
  }

  static boolean isDuplicateKey(MongoException e) {
    if (e instanceof MongoWriteException) {
      return ((MongoWriteException) e).getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
    return (e instanceof MongoCommandException || e instanceof MongoServerException)
        && ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
  }
}
