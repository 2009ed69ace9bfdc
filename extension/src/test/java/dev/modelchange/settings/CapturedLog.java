package dev.modelchange.settings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What the settings package logs while a test runs, at every level. {@code System.Logger} writes to
 * {@code java.util.logging} unless an application installs another backend, so a handler on the package's logger
 * sees each record.
 */
final class CapturedLog implements AutoCloseable {
  private final Logger logger = Logger.getLogger(SettingsMessages.LOGGER);
  private final Level previousLevel = logger.getLevel();
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

  CapturedLog() {
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
    logger.setLevel(Level.ALL);
  }

  /** The messages logged at {@code level}, in order. */
  List<String> at(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage)
        .collect(Collectors.toList());
  }

  /** Every message logged, in order. */
  List<String> all() {
    return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
  }
}
