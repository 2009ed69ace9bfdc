package dev.modelchange.engine;

import dev.modelchange.ChangeStreamGap;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
import java.util.Objects;
import org.bson.BsonDocument;

/**
 * What a stream does when it cannot continue from where it is: invalidation, lost history, an unreadable
 * position, an event too large to read. Each moves the position on as the policy says, and each is a
 * {@link ChangeStreamGap}, never silent. The watcher's thread only.
 */
final class StreamGaps {
  private final StreamSource source;
  private final StreamPosition position;
  private final Checkpointer checkpointer;
  private final StreamIncidents incidents;
  private final EngineSettings.HistoryLostPolicy onHistoryLost;
  /** Whether the fragments of a split event broke at {@link #brokenAt} (the position then), and not since. */
  private boolean broken;
  private BsonDocument brokenAt;

  StreamGaps(StreamSource source, StreamPosition position, Checkpointer checkpointer, StreamIncidents incidents,
      EngineSettings.HistoryLostPolicy onHistoryLost) {
    this.source = source;
    this.position = position;
    this.checkpointer = checkpointer;
    this.incidents = incidents;
    this.onHistoryLost = onHistoryLost;
  }

  /**
   * Reads the stored position on the watcher's thread, if it was not read ahead; a store that stays down for
   * {@code timeout} is a gap (the stream then starts from the server's clock at boot).
   */
  void fixPosition(StreamKey key, EngineClock clock, Duration timeout) {
    if (position.isFixed()) {
      return;
    }
    RuntimeException storeDown = position.fixNow(clock, timeout);
    checkpointer.loaded(position.token());
    if (storeDown != null) {
      incidents.gap(ChangeStreamGap.Reason.UNREADABLE_POSITION, null, null);
      StreamMessages.storeStaysDown(key, timeout, position.origin(), storeDown);
    }
  }

  /** The collection was dropped or renamed: continue after the invalidation. */
  void invalidated(RawChange doc) {
    BsonDocument last = position.token();
    position.invalidatedAt(doc.resumeToken());
    checkpointer.reached(doc.resumeToken());
    StreamMessages.invalidated(source.shape(),
        incidents.gap(ChangeStreamGap.Reason.INVALIDATED, last, doc.resumeToken()));
  }

  /**
   * The position is lost or unreadable: restart from now.
   *
   * @return whether the stream must fail instead of going on ({@code on-history-lost=fail})
   */
  boolean historyLost(ChangeStreamGap.Reason reason, Throwable cause) {
    boolean fail = onHistoryLost == EngineSettings.HistoryLostPolicy.FAIL;
    BsonDocument last = position.token();
    position.restartFromNow();
    StreamMessages.historyLost(source.shape(), reason, fail, incidents.gap(reason, last, null), cause);
    return fail;
  }

  /**
   * An event over 16 MB (BSONObjectTooLarge): find its token with the large fields projected away, and skip it
   * with a gap naming it, so the stream never loops on it. Where the stream asks for fragments, the event could not
   * be split either (a top-level field over 16 MB by itself).
   *
   * @return false when no such event could be read (then the stream retries)
   */
  boolean skipLargeEvent() {
    return skip(source.splitsLargeEvents()
        ? "even split into fragments it is over the limit ($changeStreamSplitLargeEvent splits by top-level field, "
            + "and one of them is over 16 MB by itself)"
        : "this server cannot split it ($changeStreamSplitLargeEvent needs MongoDB 7.0)");
  }

  /**
   * The fragments of a split event did not arrive in sequence. The first time at a position, the stream reads the
   * event again from before its first fragment; if they break again at the same position, the event is skipped
   * with a gap, so the stream never loops on it.
   *
   * @return whether the event was skipped; false when the stream is to reopen and read it again
   */
  boolean splitEventBroken() {
    BsonDocument at = position.token();
    if (!broken || !Objects.equals(brokenAt, at)) {
      broken = true;
      brokenAt = at;
      return false;
    }
    broken = false;
    brokenAt = null;
    return skip("its fragments did not arrive in sequence, twice");
  }

  private boolean skip(String why) {
    RawChange large = source.peekWithoutDocuments(position);
    if (large == null) {
      return false;
    }
    BsonDocument last = position.token();
    BsonDocument token = large.resumeToken();
    position.moveTo(token);
    checkpointer.reached(token);
    StreamMessages.eventTooLargeSkipped(source.shape(), large.documentKey(), why,
        incidents.gap(ChangeStreamGap.Reason.EVENT_TOO_LARGE, last, token));
    return true;
  }
}
