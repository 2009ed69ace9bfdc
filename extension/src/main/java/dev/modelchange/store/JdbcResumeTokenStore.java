package dev.modelchange.store;

import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;

/**
 * Keeps positions in a relational table ({@code modelchange.resume-token.store=jdbc}), one row per stream:
 *
 * <pre>
 * stream_key  VARCHAR(512) PRIMARY KEY  -- StreamKey.value(): &lt;group&gt;[@&lt;instance&gt;]/&lt;db&gt;.&lt;coll&gt;/&lt;shape&gt;
 * token       text                      -- the resume token as canonical extended JSON
 * updated_at  timestamp                 -- the database's clock at the last save
 * </pre>
 *
 * <p><b>JSON form.</b> The token is stored as <em>canonical</em> extended JSON ({@link JsonMode#EXTENDED}), e.g.
 * {@code {"_data": "8263..."}} or {@code {"n": {"$numberLong": "1"}}}: unlike relaxed JSON it keeps every BSON
 * type (Int32 vs Int64 vs Double, binary subtypes, timestamps), so the token handed back to the server is the
 * one it produced, byte for byte. {@link #load} reads it with {@link BsonDocument#parse}; a value that is not
 * valid extended JSON makes {@code load} throw {@link JsonParseException}, which ModelChange reports as an
 * unreadable position.
 *
 * <p><b>Upsert.</b> The dialect is detected once from {@link java.sql.DatabaseMetaData#getDatabaseProductName()}:
 *
 * <ul>
 *   <li>PostgreSQL (and compatible products reporting that name): {@code INSERT ... ON CONFLICT (stream_key) DO
 *       UPDATE}; {@code token} is {@code TEXT}, {@code updated_at} {@code TIMESTAMP WITH TIME ZONE}.
 *   <li>MariaDB and MySQL: {@code INSERT ... ON DUPLICATE KEY UPDATE}; {@code token} is {@code MEDIUMTEXT} (a
 *       token embeds the changed document's key, so large {@code _id}s could exceed {@code TEXT}'s 64 KB), {@code updated_at}
 *       {@code DATETIME(6)}, and {@code stream_key} uses a binary collation ({@code utf8mb4_nopad_bin} on
 *       MariaDB, {@code utf8mb4_bin} on MySQL) so that collections whose names differ only in case keep
 *       separate rows (the server's default collation is case-insensitive).
 *   <li>H2: {@code MERGE INTO ... KEY (stream_key) VALUES ...}.
 *   <li>Any other database: a portable fallback — {@code UPDATE}, then {@code INSERT} when it changed no row, and
 *       the {@code UPDATE} again when the {@code INSERT} fails with a duplicate key (another instance inserted the
 *       row in between). The table is created with standard SQL ({@code CLOB}, {@code TIMESTAMP}); where that
 *       DDL does not suit the database, create the table beforehand with the columns above.
 * </ul>
 *
 * <p>Each save is one statement (two or three for the fallback) in auto-commit mode; when the data source lends
 * connections with auto-commit off (some pools), the store commits (or rolls back) itself. Saves that lose a
 * race — a deadlock or serialization failure ({@code SQLState 40xxx}), H2's concurrent-update error, a duplicate
 * key — are retried at once, up to {@value #MAX_ATTEMPTS} attempts; a save is idempotent, so retrying is safe.
 * A call that breaks a connection that was working (the server restarted or dropped an idle session) is retried
 * once on a fresh connection.
 *
 * <p><b>Table creation</b> happens lazily, at the first {@code load} or {@code save}, so constructing the store
 * opens no connection (the application can start while the database is down: the failing call is retried by
 * ModelChange with backoff). The store first probes the table ({@code SELECT ... WHERE 1 = 0}) and creates it
 * only when the probe fails, with {@code CREATE TABLE IF NOT EXISTS} where supported (PostgreSQL, MariaDB,
 * MySQL, H2); when the creation fails it probes again and goes on if the table is there, so two instances
 * starting together both succeed (PostgreSQL can fail one of two concurrent {@code CREATE TABLE IF NOT EXISTS}).
 * A user without the CREATE privilege works with a table that a DBA created.
 *
 * <p><b>Leases</b> ({@link #leases()}) live in a second table, {@code <table>_lease} (see {@link JdbcLeaseStore}
 * and {@link #leaseTableOf}), created at their first use in the same race-safe way. A fenced save locks the
 * lease's row and upserts the token in one transaction.
 *
 * <p><b>Instances that are gone.</b> {@link #removeInstancesNotSeenSince} deletes the rows whose key names an
 * instance ({@code '@'} before the first {@code '/'}: {@code POSITION} rather than {@code LIKE '%@%/%'}, which
 * would also match a shared key whose collection or shape holds an {@code '@'}) and that were not saved since, on
 * the database's clock; and the leases that expired before then.
 *
 * <p><b>Errors.</b> An {@link SQLException} is rethrown as an {@link IllegalStateException} whose message starts
 * with {@code MODELCHANGE-055} and names the table and the operation; the SQLException is its cause. Every
 * statement has a query timeout of {@value #QUERY_TIMEOUT_S} s.
 *
 * <p><b>Connections</b> come from the {@link DataSource} given; each call borrows one and closes it at once, so
 * with the application's pooled data source the store holds no connection between calls. With
 * {@link #forUrl} the store owns a single cached connection (see {@code DriverManagerDataSource}) and closes it in
 * {@link #close()}.
 *
 * <p>Thread-safe: the stream workers call it concurrently.
 */
public final class JdbcResumeTokenStore implements ResumeTokenStore {

  /** The width of {@code stream_key}. */
  public static final int MAX_KEY_LENGTH = 512;

  static final int MAX_ATTEMPTS = 10;
  static final int QUERY_TIMEOUT_S = 30;
  private static final int VALIDATION_TIMEOUT_S = 5;
  private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]{0,62}";
  private static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  /** The SQL of one database family; every statement is built once per store. */
  enum Dialect {
    POSTGRESQL("PostgreSQL", "TEXT", "TIMESTAMP WITH TIME ZONE", "", "CURRENT_TIMESTAMP", true),
    MARIADB("MariaDB", "MEDIUMTEXT", "DATETIME(6)", " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin",
        "CURRENT_TIMESTAMP(6)", true),
    MYSQL("MySQL", "MEDIUMTEXT", "DATETIME(6)", " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
        "CURRENT_TIMESTAMP(6)", true),
    H2("H2", "CHARACTER VARYING", "TIMESTAMP WITH TIME ZONE", "", "CURRENT_TIMESTAMP", true),
    OTHER("other", "CLOB", "TIMESTAMP", "", "CURRENT_TIMESTAMP", false);

    final String label;
    final String tokenType;
    final String timeType;
    final String keyCollation;
    final String now;
    final boolean createIfNotExists;

    Dialect(String label, String tokenType, String timeType, String keyCollation, String now,
        boolean createIfNotExists) {
      this.label = label;
      this.tokenType = tokenType;
      this.timeType = timeType;
      this.keyCollation = keyCollation;
      this.now = now;
      this.createIfNotExists = createIfNotExists;
    }

    static Dialect of(String productName) {
      String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
      if (p.contains("postgresql")) {
        return POSTGRESQL;
      }
      if (p.contains("mariadb")) {
        return MARIADB;
      }
      if (p.contains("mysql")) {
        return MYSQL;
      }
      if (p.equals("h2")) {
        return H2;
      }
      return OTHER;
    }

    String createTable(String table) {
      return "CREATE TABLE " + (createIfNotExists ? "IF NOT EXISTS " : "") + table
          + " (stream_key VARCHAR(" + MAX_KEY_LENGTH + ")" + keyCollation + " NOT NULL PRIMARY KEY, token "
          + tokenType + " NOT NULL, updated_at " + timeType + " NOT NULL)";
    }

    String createLeaseTable(String leaseTable) {
      return "CREATE TABLE " + (createIfNotExists ? "IF NOT EXISTS " : "") + leaseTable
          + " (lease_name VARCHAR(" + JdbcLeaseStore.MAX_NAME_LENGTH + ")" + keyCollation
          + " NOT NULL PRIMARY KEY, holder VARCHAR(" + JdbcLeaseStore.MAX_HOLDER_LENGTH + ")" + keyCollation
          + " NOT NULL, epoch BIGINT NOT NULL, expires_at BIGINT NOT NULL)";
    }

    /**
     * The time {@code updated_at} is compared with to find rows not saved since an instant: on the database's
     * clock and in its time zone (the one {@code updated_at} is written with), {@code ?} milliseconds ago; for
     * {@link #OTHER}, {@code ?} is that instant as a timestamp of the application's clock and zone.
     */
    String before() {
      switch (this) {
        case POSTGRESQL:
          return "CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 millisecond'";
        case MARIADB:
        case MYSQL:
          return "CURRENT_TIMESTAMP(6) - INTERVAL ? MICROSECOND";
        case H2:
          return "DATEADD(MILLISECOND, -CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
        default:
          return "?";
      }
    }

    /** The single-statement upsert; null for {@link #OTHER}. Parameters: key, token. */
    String upsert(String table) {
      switch (this) {
        case POSTGRESQL:
          return "INSERT INTO " + table + " (stream_key, token, updated_at) VALUES (?, ?, " + now + ")"
              + " ON CONFLICT (stream_key) DO UPDATE SET token = EXCLUDED.token, updated_at = EXCLUDED.updated_at";
        case MARIADB:
        case MYSQL:
          // VALUES() works on MariaDB and MySQL (where 8.0.20+ deprecates it with a warning, still supported)
          return "INSERT INTO " + table + " (stream_key, token, updated_at) VALUES (?, ?, " + now + ")"
              + " ON DUPLICATE KEY UPDATE token = VALUES(token), updated_at = VALUES(updated_at)";
        case H2:
          return "MERGE INTO " + table + " (stream_key, token, updated_at) KEY (stream_key) VALUES (?, ?, "
              + now + ")";
        default:
          return null;
      }
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private final DataSource dataSource;
  private final String table;
  private final DriverManagerDataSource owned;
  private final String select;
  private final String update;
  private final String insert;
  private final String probe;
  private final String removeInstances;
  private final Clock clock;
  private final JdbcLeaseStore leases;
  private final Object initLock = new Object();
  private volatile Dialect dialect; // null until the table has been checked
  private volatile String upsert;

  /**
   * A store over the application's data source, which it does not close. Opens no connection.
   *
   * @param table a plain SQL identifier (letters, digits, {@code _}; not starting with a digit; at most 63)
   * @throws IllegalArgumentException when the table name is not a plain identifier
   */
  public JdbcResumeTokenStore(DataSource dataSource, String table) {
    this(dataSource, table, null, Clock.systemUTC());
  }

  /** With the clock that times leases: a test's. */
  JdbcResumeTokenStore(DataSource dataSource, String table, Clock clock) {
    this(dataSource, table, null, clock);
  }

  private JdbcResumeTokenStore(DataSource dataSource, String table, DriverManagerDataSource owned, Clock clock) {
    if (dataSource == null) {
      throw StoreMessages.noDataSource();
    }
    if (table == null || !table.matches(IDENTIFIER)) {
      throw StoreMessages.badTableName(table);
    }
    this.dataSource = dataSource;
    this.table = table;
    this.owned = owned;
    this.select = "SELECT token FROM " + table + " WHERE stream_key = ?";
    this.update = "UPDATE " + table + " SET token = ?, updated_at = CURRENT_TIMESTAMP WHERE stream_key = ?";
    this.insert = "INSERT INTO " + table + " (stream_key, token, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP)";
    this.probe = "SELECT stream_key, token, updated_at FROM " + table + " WHERE 1 = 0";
    // the rows of one instance's streams: <group>@<instance>/..., '@' before the first '/' (no group has '/')
    this.removeInstances = "DELETE FROM " + table + " WHERE POSITION('@' IN stream_key) > 0"
        + " AND POSITION('@' IN stream_key) < POSITION('/' IN stream_key) AND updated_at < ";
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    this.leases = new JdbcLeaseStore(this, leaseTableOf(table), clock);
  }

  /**
   * The lease table of {@code table}: {@code <table>_lease}, or, when that would be longer than 63 characters
   * (PostgreSQL's limit; MariaDB's is 64), the first 48 characters of {@code table}, {@code _}, 8 hexadecimal
   * digits of its CRC-32, and {@code _lease}.
   */
  static String leaseTableOf(String table) {
    String plain = table + "_lease";
    if (plain.length() <= 63) {
      return plain;
    }
    CRC32 crc = new CRC32();
    crc.update(table.getBytes(StandardCharsets.UTF_8));
    return table.substring(0, 48) + "_" + String.format(Locale.ROOT, "%08x", crc.getValue()) + "_lease";
  }

  /**
   * A store that connects with {@link java.sql.DriverManager} and keeps one connection open (see
   * {@code DriverManagerDataSource} for why), closed by {@link #close()}. Opens no connection yet.
   *
   * @throws IllegalArgumentException when no JDBC driver accepts the URL or the table name is invalid; the
   *     message never repeats the URL, which may hold a password
   */
  public static JdbcResumeTokenStore forUrl(String url, String user, String password, String table) {
    DriverManagerDataSource source;
    try {
      source = new DriverManagerDataSource(url, user, password);
    } catch (IllegalArgumentException e) {
      throw StoreMessages.badJdbcUrl(e);
    }
    return new JdbcResumeTokenStore(source, table, source, Clock.systemUTC());
  }

  /** {@link #forUrl(String, String, String, String)} with the clock that times leases: a test's. */
  static JdbcResumeTokenStore forUrl(String url, String user, String password, String table, Clock clock) {
    DriverManagerDataSource source;
    try {
      source = new DriverManagerDataSource(url, user, password);
    } catch (IllegalArgumentException e) {
      throw StoreMessages.badJdbcUrl(e);
    }
    return new JdbcResumeTokenStore(source, table, source, clock);
  }

  /** The table's name. */
  public String table() {
    return table;
  }

  @Override
  public Optional<BsonDocument> load(StreamKey key) {
    String k = checked(key);
    String operation = "load the position of " + key;
    ready(operation);
    String json = execute(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement(select)) {
        ps.setQueryTimeout(QUERY_TIMEOUT_S);
        ps.setString(1, k);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          String token = rs.getString(1);
          if (token == null) {
            throw StoreMessages.nullToken(key, table);
          }
          return token;
        }
      }
    });
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(BsonDocument.parse(json));
    } catch (JsonParseException e) {
      throw StoreMessages.unreadableToken(key, table, e);
    }
  }

  @Override
  public void save(StreamKey key, BsonDocument resumeToken) {
    String k = checked(key);
    String json = resumeToken.toJson(CANONICAL);
    String operation = "save the position of " + key;
    Dialect d = ready(operation);
    execute(operation, c -> upsert(c, d, k, json));
  }

  /** Stores a token on {@code c}, in its transaction if it has one. */
  int upsert(Connection c, Dialect d, String k, String json) throws SQLException {
    if (d == Dialect.OTHER) {
      return portableUpsert(c, k, json);
    }
    try (PreparedStatement ps = c.prepareStatement(upsert)) {
      ps.setQueryTimeout(QUERY_TIMEOUT_S);
      ps.setString(1, k);
      ps.setString(2, json);
      return ps.executeUpdate();
    }
  }

  /** The token as the table keeps it. */
  static String json(BsonDocument resumeToken) {
    return resumeToken.toJson(CANONICAL);
  }

  /**
   * The leases, in {@code <table>_lease} (see {@link JdbcLeaseStore}), created at first use like the token table.
   * Given on every database, without connecting: on one ModelChange has no dialect for, leases need its
   * {@code SELECT ... FOR UPDATE}, and a database without it fails their calls (MODELCHANGE-178).
   */
  @Override
  public Optional<LeaseStore> leases() {
    return Optional.of(leases);
  }

  /**
   * Deletes the rows of instances' streams ({@code <group>@<instance>/...}) last saved before {@code before}, and
   * the leases that expired before it. Rows the group shares are kept whatever their age. The age is measured on
   * the database's clock ({@code updated_at} is written with it): a row goes when it was saved more than
   * {@code now - before} ago (on a database without a dialect, {@code updated_at < before}).
   */
  @Override
  public void removeInstancesNotSeenSince(Instant before) {
    String operation = "remove the positions of instances not seen since " + before;
    Dialect d = ready(operation);
    long ago = Duration.between(before, clock.instant()).toMillis();
    String sql = removeInstances + d.before();
    int positions = execute(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setQueryTimeout(QUERY_TIMEOUT_S);
        if (d == Dialect.OTHER) {
          ps.setTimestamp(1, Timestamp.from(before));
        } else if (d == Dialect.MARIADB || d == Dialect.MYSQL) {
          ps.setLong(1, Math.multiplyExact(ago, 1000L));
        } else {
          ps.setLong(1, ago);
        }
        return ps.executeUpdate();
      }
    });
    int expired = leases.removeExpiredBefore(before);
    if (positions > 0 || expired > 0) {
      StoreMessages.instancesRemoved(positions, expired, table, before);
    }
  }

  /** UPDATE, else INSERT; a duplicate key on the INSERT fails the attempt, and {@link #execute} retries it. */
  private Integer portableUpsert(Connection c, String k, String json) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(update)) {
      ps.setQueryTimeout(QUERY_TIMEOUT_S);
      ps.setString(1, json);
      ps.setString(2, k);
      int n = ps.executeUpdate();
      if (n > 0) {
        return n;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      ps.setQueryTimeout(QUERY_TIMEOUT_S);
      ps.setString(1, k);
      ps.setString(2, json);
      return ps.executeUpdate();
    }
  }

  /** Closes the connection when the store opened it ({@link #forUrl}); a given data source is left open. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  @Override
  public String toString() {
    Dialect d = dialect;
    return "JdbcResumeTokenStore[" + table + (d == null ? "" : ", " + d.label) + "]";
  }

  String checked(StreamKey key) {
    String k = key.value();
    if (k.length() > MAX_KEY_LENGTH) {
      throw StoreMessages.keyTooLong(k, MAX_KEY_LENGTH, table);
    }
    return k;
  }

  /** Detects the dialect and makes sure the table exists, once; a failure is retried at the next call. */
  Dialect ready(String operation) {
    Dialect d = dialect;
    if (d != null) {
      return d;
    }
    synchronized (initLock) {
      d = dialect;
      if (d == null) {
        d = initialize(operation);
        upsert = d.upsert(table);
        dialect = d;
      }
      return d;
    }
  }

  private Dialect initialize(String operation) {
    Dialect d = execute(operation + " (detect the database)",
        c -> Dialect.of(c.getMetaData().getDatabaseProductName()));
    if (d == Dialect.OTHER) {
      StoreMessages.noDialect(table, d.createTable(table));
    }
    if (tableExists()) {
      return d;
    }
    try {
      execute(operation + " (create the table)", c -> {
        try (Statement s = c.createStatement()) {
          s.setQueryTimeout(QUERY_TIMEOUT_S);
          return s.executeUpdate(d.createTable(table));
        }
      });
      StoreMessages.tableCreated(table, d.label);
    } catch (IllegalStateException e) {
      if (!tableExists()) { // else another instance created it at the same time
        throw e;
      }
    }
    return d;
  }

  private boolean tableExists() {
    return tableExists(probe);
  }

  /** Whether {@code probeSql} (a {@code SELECT ... WHERE 1 = 0}) runs. */
  boolean tableExists(String probeSql) {
    try {
      inConnection(c -> {
        try (Statement s = c.createStatement()) {
          s.setQueryTimeout(QUERY_TIMEOUT_S);
          s.executeQuery(probeSql).close();
          return null;
        }
      });
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Runs {@code work}, retrying lost races and, once, a failure that broke a connection that had been working;
   * rethrows the last SQLException as a MODELCHANGE-055 exception.
   */
  private <T> T execute(String operation, SqlWork<T> work) {
    return execute(operation, work, this::failure);
  }

  /** Builds the exception of a failed call. */
  @FunctionalInterface
  interface Failure {
    RuntimeException of(String operation, SQLException e);
  }

  /** {@link #execute(String, SqlWork)}, failing with {@code failure}'s exception. */
  <T> T execute(String operation, SqlWork<T> work, Failure failure) {
    boolean retriedConnection = false;
    for (int attempt = 1; ; attempt++) {
      try {
        return inConnection(work);
      } catch (FailedOnConnection e) {
        if (owned != null) {
          owned.invalidate();
        }
        if (e.connectionLost && !retriedConnection && attempt < MAX_ATTEMPTS) {
          retriedConnection = true;
          continue;
        }
        if (isLostRace(e.getCause()) && attempt < MAX_ATTEMPTS) {
          // racers that deadlocked on one row (MariaDB's gap locks) retry apart, not in the same instant again
          pauseBeforeRetry(attempt);
          continue;
        }
        throw failure.of(operation, e.getCause());
      } catch (SQLException e) { // from getConnection: the database is unreachable, retrying now is pointless
        throw failure.of(operation, e);
      }
    }
  }

  /** A statement failed on a connection that could be opened; says whether the connection is lost. */
  private static final class FailedOnConnection extends SQLException {
    private static final long serialVersionUID = 1L;
    final boolean connectionLost;

    FailedOnConnection(SQLException cause, boolean connectionLost) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.connectionLost = connectionLost;
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  /** Borrows a connection, runs {@code work}, commits when auto-commit is off, and gives the connection back. */
  private <T> T inConnection(SqlWork<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      try {
        T result = work.apply(c);
        if (!autoCommit) {
          c.commit();
        }
        return result;
      } catch (SQLException e) {
        if (!autoCommit) {
          try {
            c.rollback();
          } catch (SQLException re) {
            e.addSuppressed(re);
          }
        }
        throw new FailedOnConnection(e, isLost(c, e));
      } catch (RuntimeException e) {
        if (!autoCommit) {
          try {
            c.rollback();
          } catch (SQLException re) {
            e.addSuppressed(re);
          }
        }
        throw e;
      }
    }
  }

  /**
   * {@code work} in a transaction of its own: auto-commit off, commit at the end (the work may roll back itself
   * first), rollback on failure, auto-commit restored.
   */
  static <T> SqlWork<T> inTransaction(SqlWork<T> work) {
    return c -> {
      boolean autoCommit = c.getAutoCommit();
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException re) {
          e.addSuppressed(re);
        }
        throw e;
      } finally {
        if (autoCommit) {
          try {
            c.setAutoCommit(true);
          } catch (SQLException e) {
            // the connection is broken; its next user finds out
          }
        }
      }
    };
  }

  /** A duplicate key: PostgreSQL and H2 23505, MariaDB and MySQL 1062, else an integrity violation of class 23. */
  static boolean isDuplicateKey(SQLException e) {
    String state = e.getSQLState();
    return "23505".equals(state) || e.getErrorCode() == 1062
        || (e instanceof java.sql.SQLIntegrityConstraintViolationException && state != null
            && state.startsWith("23"));
  }

  /**
   * Whether {@code e} broke the connection: a connection-class error, or a connection that no longer answers
   * (a server that terminated the session reports it with its own SQLState, e.g. PostgreSQL's 57P01). Called
   * on failures only, so the extra round-trip of {@code isValid} costs nothing in the normal case.
   */
  private static boolean isLost(Connection c, SQLException e) {
    String state = e.getSQLState();
    if (e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"))) {
      return true;
    }
    if (isLostRace(e)) {
      return false;
    }
    try {
      return !c.isValid(VALIDATION_TIMEOUT_S);
    } catch (SQLException | RuntimeException notValid) {
      return true;
    }
  }

  private static void pauseBeforeRetry(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static boolean isLostRace(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransactionRollbackException
        || (state != null && (state.startsWith("40") || state.startsWith("23")))
        || e.getErrorCode() == 90131; // H2: CONCURRENT_UPDATE_1, a MERGE that lost an insert race
  }

  private IllegalStateException failure(String operation, SQLException e) {
    return StoreMessages.jdbcFailed(operation, table, e);
  }
}
