package dev.modelchange.tck.weld.instances;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the application as an OS process ({@link InstanceApp} on the test's class path), which the test
 * starts, kills ({@code SIGKILL}), stops ({@code SIGTERM}) and starts again; its receipts and its log (stdout and
 * stderr, appended across restarts) stay in files.
 */
final class AppProcess {
  /** Light JVMs: the machine is shared, and four of them run at once. */
  static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Djava.awt.headless=true",
      // one line per record, the time in epoch milliseconds first: the test reads when a lease was lost
      "-Djava.util.logging.SimpleFormatter.format=%1$tQ %4$s %2$s %5$s%6$s%n");

  final String instanceId;
  final Path receipts;
  final Path log;
  private final Map<String, String> properties;
  private final List<Long> pids = new ArrayList<>();
  private Process process;
  /**
   * How an incarnation ended: {@code kill -9} or {@code SIGTERM}; when the signal was sent ({@code at}, just
   * before) and when the process was seen gone ({@code gone}): it may still deliver in between.
   */
  record Ended(String how, long pid, long at, long gone) {}

  private final List<Ended> ended = new ArrayList<>();

  /** The receipts read so far (the file only grows), and where reading goes on. */
  private final List<ReceiptLog.Line> receiptLines = new ArrayList<>();
  private long receiptsRead;

  AppProcess(String instanceId, Path receipts, Path log, Map<String, String> properties) {
    this.instanceId = instanceId;
    this.receipts = receipts;
    this.log = log;
    this.properties = Map.copyOf(properties);
  }

  /** The command of a JVM running {@code main} on this JVM's class path with {@code properties}. */
  static List<String> java(Class<?> main, Map<String, String> properties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add(main.getName());
    return command;
  }

  /** Starts a new incarnation; {@link #awaitStarted} waits for it. */
  synchronized void start() {
    try {
      Files.writeString(log, "---- starting " + instanceId + " at " + System.currentTimeMillis() + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = new ProcessBuilder(java(InstanceApp.class, properties)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      pids.add(process.pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the current incarnation wrote {@code START} to its receipts (its container is up). */
  void awaitStarted(Duration timeout) {
    long pid = pid();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (read().of("START").stream().noneMatch(l -> l.pid() == pid)) {
      if (!alive()) {
        fail("instance %s (pid %d) ended with exit code %d before it started; its log ends with:%n%s", instanceId,
            pid, process.exitValue(), logTail(40));
      }
      if (System.nanoTime() > deadline) {
        fail("instance %s (pid %d) did not start within %s; its log ends with:%n%s", instanceId, pid, timeout,
            logTail(40));
      }
      sleep(50);
    }
  }

  /** Whether the current incarnation runs and has started. */
  boolean started() {
    long pid;
    synchronized (this) {
      if (process == null || !process.isAlive()) {
        return false;
      }
      pid = process.pid();
    }
    return read().of("START").stream().anyMatch(l -> l.pid() == pid);
  }

  /** How many lines of its log (all incarnations) contain {@code text}. */
  long logLines(String text) {
    return logText().lines().filter(l -> l.contains(text)).count();
  }

  /** {@code kill -9}: the process gets no chance to store a checkpoint or give up its lease. */
  synchronized void kill() {
    long at = System.currentTimeMillis();
    process.destroyForcibly(); // SIGKILL on Linux
    waitFor(Duration.ofSeconds(20));
    ended.add(new Ended("kill -9", process.pid(), at, System.currentTimeMillis()));
  }

  /** {@code SIGTERM}: the shutdown hook closes the container; fails if the process does not end in time. */
  synchronized void stop(Duration timeout) {
    long at = System.currentTimeMillis();
    process.destroy();
    boolean ended = waitFor(timeout);
    this.ended.add(new Ended("SIGTERM", process.pid(), at, System.currentTimeMillis()));
    if (!ended) {
      process.destroyForcibly();
      fail("instance %s did not end within %s of SIGTERM; its log ends with:%n%s", instanceId, timeout,
          logTail(40));
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills it if it runs: cleaning up after a test. */
  synchronized void destroy() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process.pid();
  }

  /** How its incarnations ended, oldest first. */
  synchronized List<Ended> ended() {
    return List.copyOf(ended);
  }

  /** The pids of its incarnations, oldest first. */
  synchronized List<Long> pids() {
    return List.copyOf(pids);
  }

  /** Its receipts so far, all incarnations; read on from where the last call stopped. */
  synchronized ReceiptLog read() {
    receiptsRead = ReceiptLog.readFrom(receipts, receiptsRead, receiptLines);
    return new ReceiptLog(List.copyOf(receiptLines));
  }

  /** A line of its log: which incarnation wrote it, when (epoch millis), and the text. */
  record LogLine(long pid, long at, String text) {}

  /**
   * The lines of its log that contain {@code text}, with the incarnation and time of each (the instances log
   * with the time in epoch milliseconds first, see {@link #JVM_OPTIONS}).
   */
  synchronized List<LogLine> logLinesWith(String text) {
    List<LogLine> found = new ArrayList<>();
    int incarnation = -1;
    for (String line : logText().lines().toList()) {
      if (line.startsWith("---- starting ")) {
        incarnation++;
        continue;
      }
      if (line.contains(text) && incarnation >= 0 && incarnation < pids.size()) {
        int space = line.indexOf(' ');
        long at = space > 0 && line.substring(0, space).chars().allMatch(Character::isDigit)
            ? Long.parseLong(line.substring(0, space)) : -1;
        found.add(new LogLine(pids.get(incarnation), at, line));
      }
    }
    return found;
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String logTail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return instanceId;
  }
}
