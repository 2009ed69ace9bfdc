package dev.modelchange.engine;

import java.time.Duration;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.RawBsonDocumentCodec;

/**
 * The benchmarks' hook into the engine (internal, not an API; it may change in any release). It replays pre-recorded
 * change-stream documents through a running engine's own dispatch path without a
 * server: it takes a started {@link ChangeStreamEngine}'s single {@link CollectionWatcher}, stops its thread,
 * and calls the watcher's own {@link CollectionWatcher#dispatch} (its receivers, its {@link Checkpointer} with the
 * configured resume-token store, its codecs) with each raw document read as the cursor reads it.
 */
public final class EventReplay {
  private final CollectionWatcher watcher;
  private final Checkpointer checkpointer;
  private static final RawBsonDocumentCodec CURSOR_CODEC = new RawBsonDocumentCodec();
  private static final DecoderContext CONTEXT = DecoderContext.builder().build();
  private BsonDocument lastToken;

  private EventReplay(CollectionWatcher watcher) {
    this.watcher = watcher;
    this.checkpointer = watcher.checkpointer();
  }

  /**
   * Takes over the one watcher of a started engine (observers or listeners of one model and shape): stops its
   * thread (which flushes its checkpoint) and replays through its receivers and checkpointer.
   */
  public static EventReplay takeOver(ChangeStreamEngine engine) {
    List<CollectionWatcher> all = engine.watchers();
    if (all.size() != 1) {
      throw new IllegalStateException("expected one stream, the engine runs " + engine.streams());
    }
    CollectionWatcher watcher = all.get(0);
    watcher.stop(Duration.ofSeconds(10));
    if (watcher.life().isAlive()) {
      throw new IllegalStateException("the watcher's thread did not stop");
    }
    return new EventReplay(watcher);
  }

  /**
   * One event, as the watcher's thread handles it: read from the reply's bytes as the cursor does (the driver's
   * {@link RawBsonDocumentCodec}, a copy of the event's bytes), then dispatched.
   */
  public void dispatch(RawBsonDocument raw) {
    dispatchDecoded(decode(raw));
  }

  /**
   * One event as {@code tryNext()} returns it: the same path without the cursor's copy of the bytes, i.e.
   * ModelChange's own part alone.
   */
  public void dispatchDecoded(RawBsonDocument event) {
    RawChange change = RawChange.of(event);
    watcher.dispatch(change);
    lastToken = change.resumeToken();
  }

  /** Reads a raw change document as the cursor does (for {@link #dispatchDecoded}). */
  public RawBsonDocument decode(RawBsonDocument raw) {
    return CURSOR_CODEC.decode(new org.bson.BsonBinaryReader(raw.getByteBuffer().asNIO()), CONTEXT);
  }

  /** The resume-token store of the watcher's checkpointer; null for a stream that keeps no position. */
  public dev.modelchange.spi.ResumeTokenStore store() {
    return checkpointer.store();
  }

  /** The watcher's key in the store. */
  public dev.modelchange.spi.StreamKey key() {
    return checkpointer.key();
  }

  /**
   * Brings the dispatch path to steady state (JIT-compiled) before measuring a slow store: with a store that takes
   * 0.1-1 ms per save, one second of warm-up dispatches only a few thousand events, far from what the JIT needs, so the
   * first measured seconds would still run interpreted code. Dispatches {@code count} events with the checkpointer's
   * store swapped for an in-memory one, puts the real store back, then saves 200 times directly through it so that its
   * own path is compiled too. Positions saved meanwhile are not counted by {@link #checkpointsSaved()} differences
   * taken afterwards.
   */
  public void warmUp(RawBsonDocument[] events, int count) {
    dev.modelchange.spi.ResumeTokenStore real = store();
    if (real == null) {
      return;
    }
    setStore(new MemoryStore());
    try {
      for (int i = 0; i < count; i++) {
        dispatch(events[i % events.length]);
      }
    } finally {
      setStore(real);
    }
    for (int i = 0; i < 200; i++) {
      real.save(key(), lastToken);
    }
  }

  private void setStore(dev.modelchange.spi.ResumeTokenStore store) {
    checkpointer.replaceStore(store);
  }

  /** Positions stored so far by the watcher's checkpointer. */
  public long checkpointsSaved() {
    return checkpointer.saves();
  }

  /** Keeps positions in a map: what the warm-up saves to instead of the real store. */
  private static final class MemoryStore implements dev.modelchange.spi.ResumeTokenStore {
    private final java.util.Map<dev.modelchange.spi.StreamKey, BsonDocument> tokens =
        new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<BsonDocument> load(dev.modelchange.spi.StreamKey key) {
      return java.util.Optional.ofNullable(tokens.get(key));
    }

    @Override
    public void save(dev.modelchange.spi.StreamKey key, BsonDocument token) {
      tokens.put(key, token);
    }
  }

  /** The last position dispatched. */
  public BsonDocument lastToken() {
    return lastToken;
  }
}
