package dev.modelchange.engine;

import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Puts an event over 16 MB together again from the fragments that {@code $changeStreamSplitLargeEvent} sends it in
 * ({@code splitEvent: {fragment: n, of: m}}, MongoDB 7.0+). Works on whole change-event documents as the server
 * sends them ({@code _id} is the resume token), one cursor's events in cursor order; a pure piece with no I/O.
 *
 * <p>The event put together has the fields of all its fragments, no {@code splitEvent}, and the resume token of
 * its <em>last</em> fragment as {@code _id}: resuming after that token starts at the next event, so a stream
 * checkpoints it only once the whole event is delivered. The tokens of the other fragments are never handed out:
 * MongoDB can resume from a middle fragment's token (it then sends the fragments after it), but an event
 * delivered in part is not delivered, and a position inside an event would make a restart deliver its tail only.
 * MongoDB resumes after the last fragment's token only with the same pipeline, split stage included (otherwise:
 * ChangeStreamFatalError, which the stream treats as lost history, with a gap); the stream's next empty batch moves
 * its position on to a post-batch token, which has no such condition.
 *
 * <p>A sequence that breaks (a fragment missing, out of order, a new event before the last is complete, a
 * fragment count that changes) is never passed on in part: {@link #add} throws {@link BrokenSequence}, and the
 * stream reopens from the position before the event's first fragment. A new cursor takes a new instance, so a
 * reopen mid-event starts the event afresh. Not thread-safe: one watcher's thread.
 */
final class EventFragments {
  /** The field each fragment carries: {@code {fragment: n, of: m}}, n from 1. */
  static final String SPLIT_EVENT = "splitEvent";

  /** The fields seen so far of the event being put together; null between events. */
  private BsonDocument assembling;
  private int received;
  private int expected;
  private BsonDocument firstToken;

  /** Whether {@code event} is a fragment of a split event. */
  static boolean isFragment(BsonDocument event) {
    return event.containsKey(SPLIT_EVENT);
  }

  /** Whether some fragments of an event have come, and not yet its last. */
  boolean isAssembling() {
    return assembling != null;
  }

  /**
   * Takes the next event of the cursor.
   *
   * @return the whole event: {@code event} itself when it is not a fragment, the event put together on its last
   *     fragment; null while fragments of it are still to come
   * @throws BrokenSequence when {@code event} does not continue the sequence; the fragments held are dropped
   */
  BsonDocument add(BsonDocument event) {
    if (!isFragment(event)) {
      if (assembling != null) {
        throw broken("an event that is not a fragment (token " + token(event) + ") came");
      }
      return event;
    }
    int fragment = number(event, "fragment");
    int of = number(event, "of");
    if (fragment < 1 || of < 2 || fragment > of) {
      throw broken("a fragment reads splitEvent " + event.get(SPLIT_EVENT).toString() + " (token " + token(event)
          + ")");
    }
    if (assembling == null) {
      if (fragment != 1) {
        throw broken("the first fragment seen is fragment " + fragment + " of " + of + " (token " + token(event)
            + ")");
      }
      assembling = new BsonDocument();
      expected = of;
      firstToken = event.get("_id") instanceof BsonDocument t ? t : null;
    } else if (fragment != received + 1 || of != expected) {
      throw broken("fragment " + fragment + " of " + of + " came after fragment " + received + " of " + expected
          + " (token " + token(event) + ")");
    }
    for (Map.Entry<String, BsonValue> field : event.entrySet()) {
      if (!field.getKey().equals(SPLIT_EVENT)) {
        assembling.put(field.getKey(), field.getValue()); // _id: the last fragment's token wins
      }
    }
    received = fragment;
    if (fragment < of) {
      return null;
    }
    BsonDocument whole = assembling;
    clear();
    return whole;
  }

  private BrokenSequence broken(String what) {
    String message = "The fragments of a change event over 16 MB did not arrive in sequence: " + what
        + (assembling == null ? "" : " while " + received + " of " + expected + " fragments of the event at "
            + (firstToken == null ? "an unknown token" : firstToken.toJson()) + " were held")
        + "; the event is read again from its first fragment";
    clear();
    return new BrokenSequence(message);
  }

  private void clear() {
    assembling = null;
    received = 0;
    expected = 0;
    firstToken = null;
  }

  private static int number(BsonDocument event, String field) {
    BsonValue split = event.get(SPLIT_EVENT);
    if (split instanceof BsonDocument d && d.get(field) != null && d.get(field).isNumber()) {
      return d.get(field).asNumber().intValue();
    }
    return -1;
  }

  private static String token(BsonDocument event) {
    BsonValue id = event.get("_id");
    return id == null ? "none" : id instanceof BsonDocument d ? d.toJson() : id.toString();
  }

  /**
   * The fragments of a split event did not arrive in sequence. The event was not delivered; the stream reads it
   * again from the position before its first fragment.
   */
  static final class BrokenSequence extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokenSequence(String message) {
      super(message);
    }
  }
}
