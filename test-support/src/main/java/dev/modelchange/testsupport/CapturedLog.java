package dev.modelchange.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one logger (and its children) writes while a test runs, at every level. ModelChange logs through
 * {@code System.Logger}, which writes to {@code java.util.logging} unless an application installs another
 * backend, so a handler on the package's logger sees each record. Close it to restore the logger.
 */
public final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  /** Captures what {@code loggerName} (e.g. {@code "dev.modelchange.engine"}) logs from now on. */
  public CapturedLog(String loggerName) {
    logger = Logger.getLogger(loggerName);
    previousLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Every record logged, in order. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Every message logged, in order. */
  public List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  /** The messages logged at {@code level}, in order. */
  public List<String> messagesAt(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
  }

  /** The records at {@code level} whose message contains {@code code} (e.g. "MODELCHANGE-060"). */
  public List<LogRecord> recordsAt(Level level, String code) {
    return records.stream().filter(r -> r.getLevel().equals(level) && r.getMessage().contains(code)).toList();
  }

  /** Lines a console would print at INFO and above: one per record, plus one per stack frame of its throwable. */
  public long printedLines() {
    long lines = 0;
    for (LogRecord r : records) {
      if (r.getLevel().intValue() < Level.INFO.intValue()) {
        continue;
      }
      lines++;
      for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
        lines += 1 + t.getStackTrace().length;
      }
    }
    return lines;
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
  }
}
