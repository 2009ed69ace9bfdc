package dev.modelchange.engine;

import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.json.JsonParseException;

/**
 * Where a stream reads from: a resume token (after an event, or after an invalidation), else a start time, else
 * "now". Fixes the start once (the stored token, else {@code modelchange.start-at}, else the server's clock) and
 * then follows the stream. A start time is stored as a document of its own ({@value #STARTED_AT}), so that a new
 * stream stopped before its first event still resumes where it started. Used by one watcher's thread, except
 * {@link #readAhead} and {@link #fixAhead}, which run before that thread exists.
 */
final class StreamPosition {
  /** The field of a stored position that is a start time rather than a resume token. */
  static final String STARTED_AT = "modelchangeStartedAt";

  /** What is stored for a stream: a token or a start time, both null for none; and the store's failure. */
  record Stored(BsonDocument token, BsonTimestamp startTime, RuntimeException failure) {}

  private final ResumeTokenStore store;
  private final StreamKey key;
  private final Optional<Instant> startAt;
  private final Supplier<BsonTimestamp> serverClock;
  private ReadAhead<Stored> ahead;
  private boolean fixed;
  private String origin = "now";
  private boolean needsStoring;
  private BsonDocument token;
  private boolean startAfter;
  private BsonTimestamp startTime;
  /** The server's clock at boot: where a stream whose store stays unreadable starts, so boot loses nothing. */
  private BsonTimestamp bootTime;
  private long storeFailingSince = -1;

  /**
   * @param store null for a stream that starts from now and keeps no position
   * @param serverClock the server's time now (a round trip); may return null
   */
  StreamPosition(ResumeTokenStore store, StreamKey key, Optional<Instant> startAt,
      Supplier<BsonTimestamp> serverClock) {
    this.store = store;
    this.key = key;
    this.startAt = startAt;
    this.serverClock = serverClock;
  }

  /**
   * Starts reading the stored position ahead of the watcher's thread (see {@link ReadAhead}), so that the start is
   * fixed before that thread runs and nothing written meanwhile is missed. Only for streams that keep a position.
   * Idempotent.
   */
  void readAhead(ThreadFactory threads, String threadName) {
    if (store != null && ahead == null) {
      ahead = new ReadAhead<>(this::readStored, threads, threadName);
    }
  }

  /** Reads the store and, for a stream with nothing stored or a store that fails, the server's clock. */
  private Stored readStored() {
    try {
      BsonDocument stored = store.load(key)
          .or(() -> key.instance().isPresent() ? store.load(key.shared()) : java.util.Optional.empty())
          .orElse(null); // an instance without a position of its own starts where the group's shared one was
      if (stored != null && stored.isTimestamp(STARTED_AT)) {
        return new Stored(null, stored.getTimestamp(STARTED_AT), null);
      }
      return new Stored(stored, stored != null ? null : startAt.map(StreamPosition::timestamp)
          .orElseGet(serverClock), null);
    } catch (RuntimeException e) {
      BsonTimestamp boot = null;
      try {
        boot = serverClock.get();
      } catch (RuntimeException ignored) {
        // MongoDB is down too: the watcher's thread fixes the start when it connects
      }
      return new Stored(null, boot, e);
    }
  }

  /**
   * Fixes the start with what {@link #readAhead} read, if it arrives before {@code deadlineNanos}.
   *
   * @return the store's failure, if it failed; null otherwise (fixed, or not read in time)
   */
  RuntimeException fixAhead(long deadlineNanos) throws InterruptedException {
    Stored s = ahead == null ? null : ahead.get(deadlineNanos);
    if (s == null) {
      return null; // MongoDB or the store is slow: the watcher's thread fixes the position when it connects
    }
    if (s.failure() != null) {
      bootTime(s.startTime());
      return s.failure();
    }
    fix(s);
    return null;
  }

  /**
   * On the watcher's thread: reads the store now and fixes the start. While the store fails, the caller retries
   * with backoff; once it has failed for {@code timeout}, the stream starts without it, from the server's clock at
   * boot (so nothing written since boot is lost).
   *
   * @return the store's failure when the stream starts without it (a gap to report); null when fixed from it
   * @throws JsonParseException when the store holds a position that cannot be read
   * @throws RuntimeException (MODELCHANGE-051) while the store fails and {@code timeout} has not passed
   */
  RuntimeException fixNow(EngineClock clock, Duration timeout) {
    Stored s = readStored();
    if (s.failure() == null) {
      fix(s);
      return null;
    }
    if (s.failure() instanceof JsonParseException unreadable) {
      throw unreadable; // the store answered, with a position that cannot be read: a gap, not a wait
    }
    bootTime(s.startTime());
    long now = clock.nanoTime();
    if (storeFailingSince < 0) {
      storeFailingSince = now;
    }
    if (now - storeFailingSince < timeout.toNanos()) {
      throw StreamMessages.storeUnreadable(s.failure());
    }
    fixWithoutStore();
    return s.failure();
  }

  /** Fixes the start with what the store held. */
  void fix(Stored s) {
    if (s.token() != null) {
      token = s.token();
      origin = "its stored position";
    } else if (s.startTime() != null) {
      startTime = s.startTime();
      origin = startAt.isPresent() && s.startTime().equals(timestamp(startAt.get())) ? "start-at " + startAt.get()
          : "the server's clock";
      needsStoring = true;
    }
    fixed = true;
  }

  /** The store stayed unreadable: starts where the server's clock stood at boot, else from now. */
  private void fixWithoutStore() {
    if (bootTime != null) {
      startTime = bootTime;
      origin = "the server's clock at boot (the store could not be read)";
    } else {
      origin = "now (the store could not be read)";
    }
    fixed = true;
  }

  /** Remembers the server's time at boot, for {@link #fixWithoutStore}. */
  private void bootTime(BsonTimestamp time) {
    if (bootTime == null) {
      bootTime = time;
    }
  }

  /**
   * Forgets the position, so that it is read from the store again: a {@code ONE_INSTANCE} stream that takes its
   * lease starts from the last holder's checkpoint.
   */
  void forget() {
    fixed = false;
    token = null;
    startAfter = false;
    startTime = null;
    needsStoring = false;
    storeFailingSince = -1;
  }

  boolean isFixed() {
    return store == null || fixed;
  }

  /** Where the stream started, in words, for the log. */
  String origin() {
    return origin;
  }

  /**
   * Whether the start needs the server's clock before the cursor opens: a stream that keeps a position and has
   * none yet, on a server that may send no post-batch token.
   */
  boolean needsServerTime() {
    return store != null && token == null && startTime == null;
  }

  /** The stream's position as a cursor option. */
  ChangeStreamIterable<BsonDocument> applyTo(ChangeStreamIterable<BsonDocument> iterable) {
    if (token != null) {
      return startAfter ? iterable.startAfter(token) : iterable.resumeAfter(token);
    }
    if (startTime != null) {
      return iterable.startAtOperationTime(startTime);
    }
    return iterable;
  }

  /**
   * After opening "from now": takes the opening reply's post-batch token as the fixed start; without one (a
   * server before 4.0.7, or the in-JVM one), asks for a reopen at {@code serverTimeBeforeOpen}.
   *
   * @return whether the cursor must be reopened at the start time now fixed
   */
  boolean fixFromOpened(MongoChangeStreamCursor<?> cursor, BsonTimestamp serverTimeBeforeOpen) {
    if (token != null || startTime != null) {
      return false;
    }
    BsonDocument initial = cursor.getResumeToken();
    if (initial != null) {
      token = initial;
      needsStoring = store != null;
      return false;
    }
    if (serverTimeBeforeOpen != null) {
      startTime = serverTimeBeforeOpen;
      needsStoring = true;
      return true;
    }
    return false;
  }

  /**
   * The start position to store at once, for a new stream, so that a stop before its first checkpoint resumes
   * where it started; null when there is none to store. Returned once.
   */
  BsonDocument takeStartToStore() {
    if (!needsStoring || store == null) {
      return null;
    }
    needsStoring = false;
    return token != null ? token : startTime != null ? new BsonDocument(STARTED_AT, startTime) : null;
  }

  /** The stream has read up to {@code resumeToken}. */
  void moveTo(BsonDocument resumeToken) {
    token = resumeToken;
    startAfter = false;
    startTime = null;
  }

  /** The stream was invalidated at {@code resumeToken}: it continues after it with {@code startAfter}. */
  void invalidatedAt(BsonDocument resumeToken) {
    moveTo(resumeToken);
    startAfter = true;
  }

  /** The position is lost: the stream restarts from now. */
  void restartFromNow() {
    token = null;
    startAfter = false;
    startTime = null;
    fixed = true;
    origin = "now (after a gap)";
  }

  /** Whether the position is an invalidation, which the cursor opens after with {@code startAfter}. */
  boolean startsAfter() {
    return startAfter;
  }

  /** The last resume token read, or null. */
  BsonDocument token() {
    return token;
  }

  private static BsonTimestamp timestamp(Instant at) {
    return new BsonTimestamp((int) at.getEpochSecond(), 0);
  }
}
