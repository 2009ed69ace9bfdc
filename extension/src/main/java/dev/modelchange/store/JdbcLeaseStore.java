package dev.modelchange.store;

import dev.modelchange.spi.Lease;
import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.StreamKey;
import dev.modelchange.store.JdbcResumeTokenStore.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bson.BsonDocument;

/**
 * The leases of a {@link JdbcResumeTokenStore}, one row each in {@code <table>_lease}:
 *
 * <pre>
 * lease_name  VARCHAR(640) PRIMARY KEY  -- e.g. one-instance/&lt;stream key&gt; (binary collation on MariaDB/MySQL)
 * holder      VARCHAR(255)              -- the engine that holds it
 * epoch       BIGINT                    -- 1 when first taken, one more at each change of holder
 * expires_at  BIGINT                    -- milliseconds since 1970-01-01T00:00Z on the holder's clock; 0: released
 * </pre>
 *
 * <p>The table is created at first use, like the token table (probe, {@code CREATE TABLE IF NOT EXISTS}, probe
 * again when that fails), so that two instances starting together both go on. {@code expires_at} is a number, not
 * a timestamp, so that instances in different time zones, and MariaDB's zone-less {@code DATETIME}, agree on it.
 *
 * <ul>
 *   <li>{@code acquire}, in one transaction: {@code UPDATE ... SET epoch = CASE WHEN holder = ? THEN epoch ELSE
 *       epoch + 1 END, holder = ?, expires_at = ? WHERE lease_name = ? AND (holder = ? OR expires_at < ?)} (the
 *       epoch first: MariaDB and MySQL assign left to right, so a {@code CASE} after {@code holder = ?} would
 *       see the new holder); when no row matched, {@code INSERT} with epoch 1, where a duplicate key means that
 *       another holds it (empty); then the row is read back for its epoch. Deadlocks and serialization failures
 *       (two racers on a new row, under MariaDB's gap locks) roll back and are retried.
 *   <li>{@code renew} / {@code release}: {@code UPDATE}s conditional on {@code lease_name}, {@code holder} and
 *       {@code epoch}; release sets {@code expires_at} to 0, so any instance may take it at once whatever its
 *       clock. When a renewal reports no row (drivers that count changed rather than matched rows), the row is
 *       read to tell.
 *   <li>{@code saveFenced}, in one transaction: {@code SELECT holder, epoch FROM <table>_lease WHERE lease_name =
 *       ? FOR UPDATE} on the lease's row, and the upsert of the token only when that row still has the lease's
 *       holder and epoch; else rollback and false. The row lock orders fenced saves and take-overs: once another
 *       holder has taken the lease, the old holder can store nothing more, even before the new one saves. So the
 *       fence rests on the lease row, not on the token row (which has no epoch column), and deleting an expired
 *       lease row is safe.
 * </ul>
 *
 * <p>Times are the caller's clock (see {@link LeaseStore}): keep instances' clocks synchronised and leases long
 * against the skew. Fencing does not depend on clocks.
 */
final class JdbcLeaseStore implements LeaseStore {
  static final int MAX_NAME_LENGTH = 640;
  static final int MAX_HOLDER_LENGTH = 255;

  private final JdbcResumeTokenStore store;
  private final String table;
  private final Clock clock;
  private final String takeOrRenew;
  private final String insert;
  private final String select;
  private final String renew;
  private final String release;
  private final String lock;
  private final String removeExpired;
  private final String probe;
  private final Object initLock = new Object();
  private volatile Dialect ready; // null until the table has been checked

  JdbcLeaseStore(JdbcResumeTokenStore store, String table, Clock clock) {
    this.store = store;
    this.table = table;
    this.clock = clock;
    this.takeOrRenew = "UPDATE " + table + " SET epoch = CASE WHEN holder = ? THEN epoch ELSE epoch + 1 END,"
        + " holder = ?, expires_at = ? WHERE lease_name = ? AND (holder = ? OR expires_at < ?)";
    this.insert = "INSERT INTO " + table + " (lease_name, holder, epoch, expires_at) VALUES (?, ?, 1, ?)";
    this.select = "SELECT holder, epoch, expires_at FROM " + table + " WHERE lease_name = ?";
    this.renew = "UPDATE " + table + " SET expires_at = ? WHERE lease_name = ? AND holder = ? AND epoch = ?";
    this.release = "UPDATE " + table + " SET expires_at = 0 WHERE lease_name = ? AND holder = ? AND epoch = ?";
    this.lock = "SELECT holder, epoch FROM " + table + " WHERE lease_name = ? FOR UPDATE";
    this.removeExpired = "DELETE FROM " + table + " WHERE expires_at < ?";
    this.probe = "SELECT lease_name, holder, epoch, expires_at FROM " + table + " WHERE 1 = 0";
  }

  /** The table's name. */
  String table() {
    return table;
  }

  @Override
  public Optional<Lease> acquire(String name, String holder, Duration duration) {
    checkedName(name);
    checkedHolder(holder);
    long now = clock.millis();
    long until = Math.addExact(now, checked(duration).toMillis());
    String operation = "acquire the lease " + name + " for " + holder;
    ready(operation);
    return execute(operation, JdbcResumeTokenStore.inTransaction(c -> {
      int taken = update(c, takeOrRenew, holder, holder, until, name, holder, now);
      if (taken == 0) {
        try (PreparedStatement ps = prepare(c, insert)) {
          ps.setString(1, name);
          ps.setString(2, holder);
          ps.setLong(3, until);
          ps.executeUpdate();
        } catch (SQLException e) {
          if (!JdbcResumeTokenStore.isDuplicateKey(e)) {
            throw e;
          }
          c.rollback(); // the row exists: held by another, unless a driver counted our renewal as no change
        }
      }
      return read(c, name).filter(lease -> lease.holder().equals(holder));
    }));
  }

  @Override
  public boolean renew(Lease lease, Duration duration) {
    long until = Math.addExact(clock.millis(), checked(duration).toMillis());
    String operation = "renew the lease " + lease.name() + " of " + lease.holder();
    ready(operation);
    return execute(operation, c -> {
      if (update(c, renew, until, lease.name(), lease.holder(), lease.epoch()) > 0) {
        return true;
      }
      Optional<Lease> now = read(c, lease.name());
      return now.isPresent() && now.get().holder().equals(lease.holder()) && now.get().epoch() == lease.epoch();
    });
  }

  @Override
  public void release(Lease lease) {
    String operation = "release the lease " + lease.name() + " of " + lease.holder();
    ready(operation);
    execute(operation, c -> update(c, release, lease.name(), lease.holder(), lease.epoch()));
  }

  @Override
  public Optional<Lease> holder(String name) {
    String operation = "read the lease " + name;
    ready(operation);
    Optional<Lease> found = execute(operation, c -> read(c, name));
    return found.filter(lease -> lease.expiresAt().toEpochMilli() > clock.millis());
  }

  @Override
  public boolean saveFenced(StreamKey key, BsonDocument resumeToken, Lease lease) {
    String k = store.checked(key);
    String json = JdbcResumeTokenStore.json(resumeToken);
    String operation = "save the position of " + key + " under the lease " + lease.name() + " (epoch "
        + lease.epoch() + ")";
    Dialect d = store.ready(operation);
    ready(operation);
    return execute(operation, JdbcResumeTokenStore.inTransaction(c -> {
      try (PreparedStatement ps = prepare(c, lock)) {
        ps.setString(1, lease.name());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || !lease.holder().equals(rs.getString(1)) || rs.getLong(2) != lease.epoch()) {
            c.rollback();
            return false; // another holder took the lease since: fenced out
          }
        }
      }
      store.upsert(c, d, k, json);
      return true;
    }));
  }

  /** Deletes the leases that expired before {@code before}; none when the table was never made. */
  int removeExpiredBefore(Instant before) {
    if (ready == null && !store.tableExists(probe)) {
      return 0;
    }
    return execute("remove the leases expired before " + before,
        c -> update(c, removeExpired, before.toEpochMilli()));
  }

  @Override
  public String toString() {
    return "leases in " + table;
  }

  private Optional<Lease> read(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = prepare(c, select)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String holder = rs.getString(1);
        if (holder == null) {
          throw StoreMessages.unreadableLease(name, table, "its holder is NULL");
        }
        return Optional.of(new Lease(name, holder, rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))));
      }
    }
  }

  private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setQueryTimeout(JdbcResumeTokenStore.QUERY_TIMEOUT_S);
    return ps;
  }

  /** Runs an update whose parameters are strings and longs, in order. */
  private static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql)) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof String) {
          ps.setString(i + 1, (String) parameters[i]);
        } else {
          ps.setLong(i + 1, (Long) parameters[i]);
        }
      }
      return ps.executeUpdate();
    }
  }

  private <T> T execute(String operation, JdbcResumeTokenStore.SqlWork<T> work) {
    return store.execute(operation, work, (op, e) -> StoreMessages.leaseJdbcFailed(op, table, e));
  }

  private void checkedName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.length() > MAX_NAME_LENGTH) {
      throw StoreMessages.leaseNameTooLong(name, MAX_NAME_LENGTH, table);
    }
  }

  private void checkedHolder(String holder) {
    Objects.requireNonNull(holder, "holder");
    if (holder.length() > MAX_HOLDER_LENGTH) {
      throw StoreMessages.holderTooLong(holder, MAX_HOLDER_LENGTH, table);
    }
  }

  private static Duration checked(Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw StoreMessages.badLeaseDuration(duration);
    }
    return duration;
  }

  /** Makes sure the lease table exists, once; a failure is retried at the next call. */
  private void ready(String operation) {
    if (ready != null) {
      return;
    }
    synchronized (initLock) {
      if (ready != null) {
        return;
      }
      Dialect d = store.ready(operation);
      if (!store.tableExists(probe)) {
        try {
          execute(operation + " (create the lease table)", c -> {
            try (Statement s = c.createStatement()) {
              s.setQueryTimeout(JdbcResumeTokenStore.QUERY_TIMEOUT_S);
              return s.executeUpdate(d.createLeaseTable(table));
            }
          });
          StoreMessages.leaseTableCreated(table, d.label);
        } catch (IllegalStateException e) {
          if (!store.tableExists(probe)) { // else another instance created it at the same time
            throw e;
          }
        }
      }
      ready = d;
    }
  }
}
