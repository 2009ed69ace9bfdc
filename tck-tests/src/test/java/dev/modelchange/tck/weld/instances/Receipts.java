package dev.modelchange.tck.weld.instances;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What one instance received, appended to its own file, one line per event:
 * {@code <epoch millis> <pid> <kind> <id>} (the pid tells a restarted instance's incarnations apart),
 * kind {@code EACH} or {@code ONE} (the receiver), or a life event ({@code START}, {@code STOPPING},
 * {@code STOPPED}) with the instance id. Each line is one {@code write} to a file opened for appending, so it
 * is in the kernel's hands when the receiver returns: a {@code kill -9} loses none of it.
 */
public final class Receipts implements AutoCloseable {
  /** A receiver of every instance ({@code Delivery.EACH_INSTANCE}). */
  public static final String EACH = "EACH";
  /** The receiver of one instance of the group ({@code Delivery.ONE_INSTANCE}). */
  public static final String ONE = "ONE";

  private final FileOutputStream out;
  private final String pid = Long.toString(ProcessHandle.current().pid());

  public Receipts(Path file) {
    try {
      this.out = new FileOutputStream(file.toFile(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends one line, now. */
  public synchronized void record(String kind, String what) {
    String line = System.currentTimeMillis() + " " + pid + " " + kind + " " + what + "\n";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
