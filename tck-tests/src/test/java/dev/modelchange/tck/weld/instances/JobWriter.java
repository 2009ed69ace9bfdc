package dev.modelchange.tck.weld.instances;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * Writes jobs at a steady pace on a thread of its own: {@code batch} documents every {@code every}, ids
 * {@code <prefix>-00000}, {@code <prefix>-00001}, ..., until {@code total} are written or it is stopped.
 */
final class JobWriter implements AutoCloseable {
  private final MongoCollection<Document> jobs;
  private final String prefix;
  private final int total;
  private volatile int batch;
  private final Duration every;
  private final AtomicInteger written = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Throwable failure;

  JobWriter(MongoCollection<Document> jobs, String prefix, int total, int batch, Duration every) {
    this.jobs = jobs;
    this.prefix = prefix;
    this.total = total;
    this.batch = batch;
    this.every = every;
    this.thread = new Thread(this::write, "job-writer");
    thread.setDaemon(true);
  }

  static String id(String prefix, int n) {
    return String.format("%s-%05d", prefix, n);
  }

  /** From the next batch on, writes {@code value} documents per batch: a new pace. */
  void batch(int value) {
    this.batch = value;
  }

  JobWriter start() {
    thread.start();
    return this;
  }

  private void write() {
    long start = System.nanoTime();
    try {
      for (int round = 1; !stopping && written.get() < total; round++) {
        List<Document> docs = new ArrayList<>();
        int from = written.get();
        for (int n = from; n < Math.min(total, from + batch); n++) {
          docs.add(new Document("_id", id(prefix, n)).append("n", n));
        }
        jobs.insertMany(docs);
        written.addAndGet(docs.size());
        long due = start + round * every.toNanos();
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure = e;
    }
  }

  int written() {
    return written.get();
  }

  /** Waits until at least {@code n} are written. */
  void awaitWritten(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (written.get() < n) {
      check();
      if (!thread.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the writer wrote " + written.get() + " jobs, not " + n + ", in " + timeout);
      }
      AppProcess.sleep(20);
    }
  }

  /** Stops writing after the current batch and waits for the thread: what is written is final then. */
  int stop() {
    stopping = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    check();
    return written.get();
  }

  /** The ids written, in order. */
  List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < written.get(); n++) {
      ids.add(id(prefix, n));
    }
    return ids;
  }

  private void check() {
    if (failure != null) {
      throw new AssertionError("the writer failed after " + written.get() + " jobs: " + failure, failure);
    }
  }

  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
  }
}
