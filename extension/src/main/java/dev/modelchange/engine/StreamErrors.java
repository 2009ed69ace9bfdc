package dev.modelchange.engine;

import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import java.sql.SQLException;
import java.util.Set;
import org.bson.json.JsonParseException;

/**
 * What a watcher does about a failure of its stream: a pure function of the failure, as the driver's
 * {@code ChangeStreamBatchCursorHelper} decides what is resumable. MongoDB's error labels are read first, then the
 * server's codes, then the Java type.
 */
final class StreamErrors {
  /** The server's label for an error after which a change stream can resume. */
  static final String RESUMABLE_LABEL = "ResumableChangeStreamError";
  /** ChangeStreamHistoryLost, ChangeStreamFatalError, InvalidResumeToken: the position is not usable. */
  private static final Set<Integer> HISTORY_LOST = Set.of(286, 280, 260);
  /** A malformed pipeline, which retrying cannot fix. */
  private static final Set<Integer> PIPELINE_ERRORS = Set.of(9, 14, 15983, 40323, 40324, 40415, 16410, 31325);
  /** BSONObjectTooLarge: one event (an update-lookup of a large document, say) is over 16 MB. */
  static final int EVENT_TOO_LARGE_CODE = 10334;
  /** AuthenticationFailed, Unauthorized. */
  private static final Set<Integer> NOT_ALLOWED = Set.of(18, 13);

  private StreamErrors() {}

  /** What to do. */
  enum Action {
    /** A passing failure: reopen after backoff from the last position. */
    RETRY,
    /** The stored or current position is no longer in the oplog: follow {@code on-history-lost}. */
    HISTORY_LOST,
    /** The stored position cannot be read: follow {@code on-history-lost}. */
    UNREADABLE_POSITION,
    /** The server rejects the stream's pipeline: retrying cannot fix it; the stream fails. */
    MALFORMED_PIPELINE,
    /** One event is over MongoDB's 16 MB limit: split it or skip it, never loop on it. */
    EVENT_TOO_LARGE,
    /**
     * The fragments of a split event did not arrive in sequence: read the event again from before its first
     * fragment; if that breaks too, skip it as too large.
     */
    SPLIT_EVENT_BROKEN,
    /** An unexpected {@link Error} on the worker: logged as an error, then reopened after backoff. */
    CRASH
  }

  /** What to do about {@code failure} on a watcher's thread. */
  static Action classify(Throwable failure) {
    if (failure instanceof MongoException m && m.hasErrorLabel(RESUMABLE_LABEL)) {
      return Action.RETRY;
    }
    if (failure instanceof MongoServerException s) {
      int code = s.getCode();
      if (HISTORY_LOST.contains(code)) {
        return Action.HISTORY_LOST;
      }
      if (PIPELINE_ERRORS.contains(code)) {
        return Action.MALFORMED_PIPELINE;
      }
      if (code == EVENT_TOO_LARGE_CODE) {
        return Action.EVENT_TOO_LARGE;
      }
      return Action.RETRY;
    }
    if (failure instanceof EventFragments.BrokenSequence) {
      return Action.SPLIT_EVENT_BROKEN;
    }
    if (failure instanceof JsonParseException) {
      return Action.UNREADABLE_POSITION;
    }
    if (failure instanceof Error) {
      return Action.CRASH;
    }
    return Action.RETRY;
  }

  /**
   * Whether a receiver's failure must not be isolated: the JVM itself is failing. A {@link StackOverflowError} is
   * the receiver's own (a deep recursion, a deeply nested filter) and is isolated like any other.
   */
  static boolean isFatal(Throwable failure) {
    return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
  }

  /**
   * Whether a resume-token store failed because it is misconfigured (wrong password, no such database, no
   * permission) rather than unreachable: waiting cannot help, so start-up fails naming the store.
   */
  static boolean isStoreMisconfigured(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MongoSecurityException) {
        return true;
      }
      if (t instanceof MongoServerException s && NOT_ALLOWED.contains(s.getCode())) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 28: invalid authorization; 3D: no such database (catalog); 42501: insufficient privilege
        if (state.startsWith("28") || state.startsWith("3D") || state.equals("42501")) {
          return true;
        }
      }
    }
    return false;
  }
}
