package dev.modelchange.store;

import static dev.modelchange.logging.Messages.coded;

import dev.modelchange.logging.MessageCode;
import dev.modelchange.spi.StreamKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import org.bson.json.JsonParseException;

/** Every message of the resume-token stores, one method per code (see {@code docs/messages.md}). */
final class StoreMessages {
  private static final Logger LOG = System.getLogger("dev.modelchange.store");

  private StoreMessages() {}

  @MessageCode(55)
  static IllegalStateException jdbcFailed(String operation, String table, SQLException e) {
    return new IllegalStateException(coded(55, "Could not " + operation + " in the resume-token table " + table
        + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + "). Check that the database is reachable and "
        + "that its user may read and write (and, the first time, create) the table; ModelChange retries."), e);
  }

  @MessageCode(56)
  static IllegalArgumentException noDataSource() {
    return new IllegalArgumentException(coded(56, "The JDBC resume-token store needs a DataSource"));
  }

  @MessageCode(170)
  static IllegalArgumentException badTableName(String table) {
    return new IllegalArgumentException(coded(170, "The resume-token table name \"" + table + "\" is not a plain "
        + "SQL identifier (letters, digits and _, not starting with a digit, at most 63 characters). Choose "
        + "another name."));
  }

  @MessageCode(171)
  static IllegalArgumentException badJdbcUrl(IllegalArgumentException e) {
    return new IllegalArgumentException(coded(171, "Cannot use the JDBC URL of the resume-token store: "
        + e.getMessage() + "."), e);
  }

  @MessageCode(173)
  static IllegalArgumentException keyTooLong(String key, int max, String table) {
    return new IllegalArgumentException(coded(173, "The stream key " + key + " is longer than " + max
        + " characters, the width of " + table + ".stream_key. Use a shorter group, collection or listener id, or "
        + "another resume-token store."));
  }

  @MessageCode(57)
  static void tableCreated(String table, String database) {
    LOG.log(Level.INFO, coded(57, "Created the resume-token table " + table + " in " + database));
  }

  @MessageCode(58)
  static void noDialect(String table, String createTable) {
    LOG.log(Level.WARNING, coded(58, "The resume-token table " + table + " is in a database ModelChange has no "
        + "dialect for; saves use a portable UPDATE-then-INSERT. If creating the table fails, create it yourself: "
        + createTable));
  }

  @MessageCode(59)
  static JsonParseException nullToken(StreamKey key, String table) {
    return new JsonParseException(coded(59, "The stored token of " + key + " in table " + table + " is NULL. "
        + "Delete the row to start the stream afresh."));
  }

  @MessageCode(172)
  static JsonParseException unreadableToken(StreamKey key, String table, JsonParseException e) {
    JsonParseException unreadable = new JsonParseException(coded(172, "The stored token of " + key + " in table "
        + table + " is not valid extended JSON (" + e.getMessage() + "). Delete the row to start the stream "
        + "afresh."));
    unreadable.initCause(e);
    return unreadable;
  }
}
