package dev.modelchange.store;

import static dev.modelchange.logging.Messages.coded;

import dev.modelchange.logging.MessageCode;
import dev.modelchange.spi.StreamKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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

  @MessageCode(174)
  static IllegalArgumentException leaseNameTooLong(String name, int max, String table) {
    return new IllegalArgumentException(coded(174, "The lease name " + name + " is longer than " + max
        + " characters, the width of " + table + ".lease_name. Use a shorter group, collection or listener id, or "
        + "the MongoDB store."));
  }

  @MessageCode(175)
  static IllegalArgumentException holderTooLong(String holder, int max, String table) {
    return new IllegalArgumentException(coded(175, "The lease holder " + holder + " is longer than " + max
        + " characters, the width of " + table + ".holder. Use a shorter modelchange.instance-id."));
  }

  @MessageCode(176)
  static IllegalArgumentException badLeaseDuration(Duration duration) {
    return new IllegalArgumentException(coded(176, "A lease must last a positive time, not " + duration
        + ". Set modelchange.lease.duration to a positive duration, such as 10s."));
  }

  @MessageCode(177)
  static void leaseTableCreated(String table, String database) {
    LOG.log(Level.INFO, coded(177, "Created the lease table " + table + " in " + database));
  }

  @MessageCode(178)
  static IllegalStateException leaseJdbcFailed(String operation, String table, SQLException e) {
    return new IllegalStateException(coded(178, "Could not " + operation + " in the lease table " + table + ": "
        + e.getMessage() + " (SQLState " + e.getSQLState() + "). Check that the database is reachable, that its "
        + "user may read and write (and, the first time, create) the table, and, on a database ModelChange has no "
        + "dialect for, that it supports SELECT ... FOR UPDATE; ModelChange retries."), e);
  }

  @MessageCode(179)
  static void ttlIndexCreated(String collection, String index, long seconds) {
    LOG.log(Level.INFO, coded(179, "Created the TTL index " + index + " on " + collection + ": the positions of "
        + "instances not seen for " + seconds + " s are removed by MongoDB"));
  }

  @MessageCode(180)
  static void ttlIndexNotMade(String collection, String index, long seconds, RuntimeException e) {
    LOG.log(Level.WARNING, coded(180, "Could not create or update the TTL index " + index + " on " + collection
        + " (" + e.getMessage() + "), so the positions of instances that are gone stay until removed. Have a "
        + "user with the createIndex and dropIndex privileges run: db.getCollection(\"" + collection
        + "\").createIndex({savedAt: 1}, {name: \"" + index + "\", expireAfterSeconds: " + seconds
        + ", partialFilterExpression: {instance: {$exists: true}}}) (after dropIndex(\"" + index + "\") when it "
        + "exists with another time)."), e);
  }

  @MessageCode(181)
  static void ttlIndexChanged(String collection, String index, long from, long to) {
    LOG.log(Level.INFO, coded(181, "Changed the TTL index " + index + " on " + collection + " from " + from
        + " s to " + to + " s (modelchange.instance.expire-after)"));
  }

  @MessageCode(182)
  static void instancesRemoved(int positions, int leases, String table, Instant before) {
    LOG.log(Level.INFO, coded(182, "Removed " + positions + " positions of instances not seen since " + before
        + " and " + leases + " leases expired before then from " + table));
  }

  @MessageCode(183)
  static IllegalStateException unreadableLease(String name, String where, String problem) {
    return new IllegalStateException(coded(183, "The lease " + name + " in " + where + " cannot be read: " + problem
        + ". Correct it by hand (deleting it restarts its epoch at 1: on MongoDB, then also unset the epoch field "
        + "of the positions saved under it)."));
  }
}
