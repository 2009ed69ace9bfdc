package dev.modelchange.engine;

import dev.modelchange.ChangeStreamGap;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.StreamKey;
import java.time.Duration;
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
   * An event over 16 MB: find its token with the large fields projected away, and skip it with a gap naming it,
   * so the stream never loops on it.
   *
   * @return false when no such event could be read (then the stream retries)
   */
  boolean skipLargeEvent() {
    RawChange large = source.peekWithoutDocuments(position);
    if (large == null) {
      return false;
    }
    BsonDocument last = position.token();
    BsonDocument token = large.resumeToken();
    position.moveTo(token);
    checkpointer.reached(token);
    StreamMessages.eventTooLargeSkipped(source.shape(), large.documentKey(),
        incidents.gap(ChangeStreamGap.Reason.EVENT_TOO_LARGE, last, token));
    return true;
  }
}
