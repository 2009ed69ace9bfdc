package dev.modelchange.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the engine logs during a test (System.Logger goes to java.util.logging here). */
final class CapturedLog extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.modelchange.engine");
  private final Level previous = logger.getLevel();
  final List<LogRecord> records = new CopyOnWriteArrayList<>();

  CapturedLog() {
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  /** The records at {@code level} whose message contains {@code code} (e.g. "MODELCHANGE-060"). */
  List<LogRecord> at(Level level, String code) {
    return records.stream().filter(r -> r.getLevel() == level && r.getMessage().contains(code)).toList();
  }

  /** Lines a console would print: one per record, plus one per stack frame of its throwable. */
  long printedLines() {
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
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
