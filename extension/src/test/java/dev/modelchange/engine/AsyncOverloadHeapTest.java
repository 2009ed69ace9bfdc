package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoChangeStreamCursor;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.store.InMemoryResumeTokenStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, point 6: a slow asynchronous observer under a sustained overload. Before back-pressure, 20,000 fast
 * inserts left 19,067 notifications queued (about 34 MB) behind a 5 ms {@code @ObservesAsync} observer, and a
 * sustained mismatch ended in OutOfMemoryError. Now at most {@code modelchange.async.max-in-flight} (default 1000)
 * deliveries are in flight per stream, and the heap stays flat.
 *
 * <p>The overload: 24,000 inserts of 1 KB documents arrive at 8,000 a second, against 16 threads of a 5 ms
 * observer (3,200 a second), for 3 seconds, and are then worked off. The stream runs on the in-JVM server, but its
 * cursor's events come from the {@link CursorOpener} seam: the server itself keeps every write (about 1.5 KB of
 * oplog each, 60 MB for these) and answers a getMore with the whole backlog in one batch, either of which would
 * swamp the figure that matters, the heap the engine holds for events not yet delivered. The heap is sampled after
 * a full GC before the stream starts, then each time another 2,000 events were delivered; its peak over the first
 * sample must stay under 16 MB (1,000 events in flight hold about 3 MB).
 *
 * <p>The figure without back-pressure is measured by the same scenario with the bound out of the way:
 * {@code mvn -pl extension -am verify -Dtest=AsyncOverloadHeapTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmodelchange.test.overload.max-in-flight=1000000} (this test then fails, with the figures in its message).
 */
class AsyncOverloadHeapTest {
  private static final BsonDocumentCodec EVENTS = new BsonDocumentCodec();
  private static final int INSERTS = 24_000;
  private static final int INSERTS_PER_SECOND = 8_000;
  private static final int SAMPLE_EVERY = 2_000;
  private static final int RECEIVER_THREADS = 16;
  private static final long RECEIVER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** The default of {@code modelchange.async.max-in-flight}. */
  private static final int DEFAULT_MAX_IN_FLIGHT = 1000;
  private static final long MAX_PEAK_GROWTH_MB = 16;
  private static final Duration WORKED_OFF = Duration.ofSeconds(120);

  private final EngineFixture fixture = new EngineFixture();
  private final ExecutorService receivers = Executors.newFixedThreadPool(RECEIVER_THREADS);

  @AfterEach
  void close() {
    fixture.close();
    receivers.shutdownNow();
  }

  @Test
  void heapStaysFlatAndDeliveriesInFlightStayBoundedUnderASustainedOverloadOfASlowAsyncObserver() {
    String bound = System.getProperty("modelchange.test.overload.max-in-flight");
    if (bound != null) {
      fixture.config.put(ConfigKeys.ASYNC_MAX_IN_FLIGHT, bound);
    }
    int maxInFlight = bound == null ? DEFAULT_MAX_IN_FLIGHT : Integer.parseInt(bound);
    // given a slow asynchronous observer, counting what is handed to it and not yet done
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeenInFlight = new AtomicInteger();
    AtomicIntegerArray deliveries = new AtomicIntegerArray(INSERTS);
    AtomicLong delivered = new AtomicLong();
    fixture.keepDelivered = false;
    fixture.async = task -> {
      maxSeenInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      receivers.execute(task);
    };
    fixture.observer = e -> {
      LockSupport.parkNanos(RECEIVER_NANOS); // the slow receiver of the scenario, not a wait of the test
      deliveries.incrementAndGet(Integer.parseInt(e.id()));
      delivered.incrementAndGet();
      inFlight.decrementAndGet(); // before its stage completes, so that this count never runs ahead of the engine's
    };
    List<Long> heapMb = new ArrayList<>(List.of(usedHeapMbAfterGc()));
    List<Long> deliveredAtSample = new ArrayList<>(List.of(0L));
    long startNanos = System.nanoTime();

    // when inserts arrive faster than it takes them, for seconds
    fixture.start(new InMemoryResumeTokenStore(), (iterable, position, startAfter) ->
        new FastInserts(CursorOpener.raw(iterable), INSERTS, INSERTS_PER_SECOND));
    for (long next = SAMPLE_EVERY; next < INSERTS; next += SAMPLE_EVERY) {
      long threshold = next;
      await().atMost(WORKED_OFF).until(() -> delivered.get() >= threshold);
      deliveredAtSample.add(delivered.get());
      heapMb.add(usedHeapMbAfterGc());
    }
    await().atMost(WORKED_OFF).until(() -> delivered.get() >= INSERTS && inFlight.get() == 0);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);

    // then the deliveries in flight never pass the bound, the heap stays flat, and every insert arrives once
    int lost = 0;
    int duplicated = 0;
    for (int i = 0; i < INSERTS; i++) {
      lost += deliveries.get(i) == 0 ? 1 : 0;
      duplicated += Math.max(0, deliveries.get(i) - 1);
    }
    long peakGrowthMb = heapMb.stream().mapToLong(Long::longValue).max().orElseThrow() - heapMb.get(0);
    String figures = String.format("max-in-flight %d: %,d inserts at %,d/s delivered in %,d ms to %d threads of a "
            + "5 ms observer; deliveries in flight at most %,d; used heap after GC (MB) %s at %s events delivered "
            + "(the first before the stream starts), peak %d MB over the first; lost %d, duplicated %d", maxInFlight,
        delivered.get(), INSERTS_PER_SECOND, millis, RECEIVER_THREADS, maxSeenInFlight.get(), heapMb,
        deliveredAtSample, peakGrowthMb, lost, duplicated);
    System.out.println(figures);
    assertThat(maxSeenInFlight.get()).as(figures).isLessThanOrEqualTo(maxInFlight);
    assertThat(peakGrowthMb).as(figures).isLessThan(MAX_PEAK_GROWTH_MB);
    assertThat(lost).as(figures).isZero();
    assertThat(duplicated).as(figures).isZero();
  }

  private static long usedHeapMbAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  /**
   * The events of {@code total} inserts of 1 KB documents (ids 0, 1, ...), at most {@code perSecond} a second
   * since the first read: the cursor has none to give when the stream has read what arrived so far.
   */
  private static final class FastInserts extends ForwardingCursor {
    private final int total;
    private final int perSecond;
    private long firstReadNanos = -1;
    private int produced;
    private BsonDocument lastToken;

    FastInserts(MongoChangeStreamCursor<RawBsonDocument> server, int total, int perSecond) {
      super(server);
      this.total = total;
      this.perSecond = perSecond;
    }

    @Override
    public RawBsonDocument tryNext() {
      long now = System.nanoTime();
      if (firstReadNanos < 0) {
        firstReadNanos = now;
      }
      long arrived = Math.min(total, (now - firstReadNanos) * perSecond / TimeUnit.SECONDS.toNanos(1));
      if (produced >= arrived) {
        return null;
      }
      int id = produced++;
      lastToken = new BsonDocument("_data", new BsonString(String.format("%016X", id + 1L)));
      BsonDocument event = new BsonDocument("_id", lastToken)
          .append("operationType", new BsonString("insert"))
          .append("clusterTime", new BsonTimestamp(1_700_000_000 + id / 1000, id % 1000 + 1))
          .append("ns", new BsonDocument("db", new BsonString("test")).append("coll", new BsonString("items")))
          .append("documentKey", new BsonDocument("_id", new BsonInt32(id)))
          .append("fullDocument", new BsonDocument("_id", new BsonInt32(id))
              .append("payload", new BsonString("x".repeat(1024))));
      return new RawBsonDocument(event, EVENTS);
    }

    @Override
    public BsonDocument getResumeToken() {
      return lastToken;
    }
  }
}
