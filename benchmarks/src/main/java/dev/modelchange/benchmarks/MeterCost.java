package dev.modelchange.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ModelChanges;
import dev.modelchange.engine.DeliveryObserver;
import dev.modelchange.metrics.ModelChangeMetrics;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.testsupport.InJvmMongoDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the meters add to one event, measured alone (the dispatch figure's meters-on line measures it inside a
 * whole delivery, where the machine's noise is larger than the cost): the engine's per-event calls into
 * {@link ModelChangeMetrics} bound to a {@code SimpleMeterRegistry} (one {@code received}: the events counter;
 * one {@code delivered} timed with two {@code System.nanoTime()}: the delivery timer), against the two
 * {@code System.nanoTime()} calls alone, which the engine makes only while meters are bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MeterCost {
  private static final StreamKey KEY = new StreamKey("bench", "meters", "bench", "books", "default");

  private InJvmMongoDb server;
  private MongoClient client;
  private ModelChanges modelChanges;
  private ModelChangeMetrics metrics;

  @Setup
  public void setUp() {
    server = InJvmMongoDb.start();
    client = Bench.client(server.uri());
    modelChanges = ModelChanges.builder().mongoClient(client).config("modelchange.mongodb.database", "bench")
        .build();
    metrics = ModelChangeMetrics.of(modelChanges);
    metrics.bindTo(new SimpleMeterRegistry());
    metrics.streamAdded(KEY); // the meters of one stream, as the engine registers them when the stream starts
  }

  @TearDown
  public void tearDown() {
    modelChanges.close();
    client.close();
    server.close();
  }

  /** The two clock reads that time a delivery, and nothing else: what a delivery costs more with meters bound. */
  @Benchmark
  public long clockReadsOnly() {
    long start = System.nanoTime();
    return System.nanoTime() - start;
  }

  /** What the engine does per event with meters bound (one kind of receiver): count it, time its delivery. */
  @Benchmark
  public long metered() {
    metrics.received(KEY, OperationType.INSERT);
    long start = System.nanoTime();
    long nanos = System.nanoTime() - start;
    metrics.delivered(KEY, OperationType.INSERT, DeliveryObserver.Receivers.OBSERVERS, nanos);
    return nanos;
  }
}
