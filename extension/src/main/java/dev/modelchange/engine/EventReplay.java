package dev.modelchange.engine;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.time.Duration;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;

/**
 * The benchmarks' hook into the engine (internal, not an API; it may change in any release). It replays pre-recorded change-stream documents through a running engine's own dispatch path without a
 * server: it takes a started {@link ChangeStreamEngine}'s single {@link CollectionWatcher}, stops its thread,
 * and calls the watcher's own {@link CollectionWatcher#dispatch} (its receivers, its {@link Checkpointer} with the
 * configured resume-token store, its codecs) after decoding each raw document as the cursor does.
 */
public final class EventReplay {
  private final CollectionWatcher watcher;
  private final Checkpointer checkpointer;
  private final Codec<ChangeStreamDocument<BsonDocument>> decoder;
  private BsonDocument lastToken;

  private EventReplay(CollectionWatcher watcher) {
    this.watcher = watcher;
    this.checkpointer = watcher.checkpointer();
    // the cursor's decoder: the collection's registry is the client's default one
    this.decoder = ChangeStreamDocument.createCodec(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
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

  /** One event, as the watcher's thread handles it: decoded by the driver's codec, then dispatched. */
  public void dispatch(RawBsonDocument raw) {
    dispatchDecoded(raw.decode(decoder));
  }

  /**
   * One event already decoded by the driver: the same path without the driver's decoding of the raw change
   * document (which happens inside {@code tryNext()}), i.e. ModelChange's own part alone.
   */
  public void dispatchDecoded(ChangeStreamDocument<BsonDocument> doc) {
    watcher.dispatch(doc);
    lastToken = doc.getResumeToken();
  }

  /** Decodes a raw change document as the cursor does (for {@link #dispatchDecoded}). */
  public ChangeStreamDocument<BsonDocument> decode(RawBsonDocument raw) {
    return raw.decode(decoder);
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
   * Brings the dispatch path to steady state (JIT-compiled) before measuring a slow store: with a store that
   * takes 0.1-1 ms per save, one second of warm-up dispatches only a few thousand events, far from what the JIT
   * needs, so the first measured seconds would still run interpreted code. Dispatches {@code count} events with
   * the checkpointer's store swapped for an in-memory one, puts the real store back, then saves 200 times directly
   * through it so that its own path is compiled too. Positions saved meanwhile are not counted by {@link #checkpointsSaved()}
   * differences taken afterwards.
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
