package dev.modelchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelchange.spi.Lease;
import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonType;
import org.bson.json.JsonParseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of {@link JdbcResumeTokenStore}, run against each database by a subclass. The tables of one run
 * get a random suffix and are dropped at the end. An external database that cannot be reached skips the class,
 * except when the environment variable {@code CI} is {@code true}: then it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcResumeTokenStoreTest implements LeaseStoreContract {
  static final String CHANGE_STREAM_DATA =
      "8266F1A2B3000000012B022C0100296E5A1004C3F4E5A6B7C8D9E0F1A2B3C4D5E6F7A8046964005F66F1A2B3C4D5E6F7A8B9C0D1"
          + "0004";

  private final List<String> tables = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private String unreachable; // why the tests are skipped, outside CI
  private String table;
  private JdbcResumeTokenStore store;

  /** The database's name, for messages. */
  abstract String database();

  abstract String url();

  abstract String user();

  abstract String password();

  /** True for a database that runs outside the JVM and may be down. */
  abstract boolean external();

  @BeforeAll
  void connect() {
    try (Connection c = connection()) {
      assertThat(c.isValid(5)).as("connection to " + database()).isTrue();
    } catch (SQLException e) {
      if (!external() || "true".equals(System.getenv("CI"))) {
        throw new AssertionError(database() + " is not reachable at " + url() + " as " + user()
            + (external() ? " and CI=true, so this test must run: start the database" : "") + ": " + e, e);
      }
      unreachable = database() + " is not reachable at " + url() + " as " + user() + " (" + e.getMessage()
          + "); skipping. With CI=true this fails instead.";
      return;
    }
    table = newTableName();
    store = newStore(table);
  }

  @BeforeEach
  void skipWhenUnreachable() {
    Assumptions.assumeTrue(unreachable == null, unreachable);
  }

  @AfterAll
  void dropTables() throws SQLException {
    // closeables first: H2 drops a table only when no open transaction uses it
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    if (tables.isEmpty()) {
      return;
    }
    try (Connection c = connection(); Statement s = c.createStatement()) {
      for (String t : tables) {
        s.executeUpdate("DROP TABLE IF EXISTS " + t);
      }
    }
  }

  Connection connection() throws SQLException {
    return DriverManager.getConnection(url(), user(), password());
  }

  String newTableName() {
    String t = "mc_rt_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    tables.add(t);
    tables.add(t + "_lease");
    return t;
  }

  /** A store with a connection of its own, closed after the class. */
  JdbcResumeTokenStore newStore(String tableName) {
    return newStore(tableName, Clock.systemUTC());
  }

  /** A store with a connection of its own, timing leases by {@code clock}, closed after the class. */
  JdbcResumeTokenStore newStore(String tableName, Clock clock) {
    JdbcResumeTokenStore s = JdbcResumeTokenStore.forUrl(url(), user(), password(), tableName, clock);
    closeAfterAll(s);
    return s;
  }

  @Override
  public ResumeTokenStore instanceStore(Clock clock) {
    return newStore(table, clock);
  }

  void closeAfterAll(AutoCloseable c) {
    closeables.add(c);
  }

  /** The data source a store sees, over a connection the test opened. */
  DataSource view(DriverManagerDataSource source) {
    return source;
  }

  /** The store of most tests. */
  JdbcResumeTokenStore store() {
    return store;
  }

  static StreamKey key(String collection) {
    return new StreamKey("default", "db", collection, "updateLookup");
  }

  static StreamKey uniqueKey() {
    return key("c" + UUID.randomUUID());
  }

  static BsonDocument changeStreamToken(String suffix) {
    return new BsonDocument("_data", new BsonString(CHANGE_STREAM_DATA + suffix));
  }

  int rows(String tableName, StreamKey key) throws SQLException {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + tableName + " WHERE stream_key = ?")) {
      ps.setString(1, key.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void loadOfAMissingKeyIsEmpty() {
    assertThat(store.load(uniqueKey())).isEmpty();
  }

  @Test
  void saveThenLoadRoundTripsAChangeStreamToken() {
    StreamKey k = uniqueKey();
    BsonDocument token = changeStreamToken("");

    store.save(k, token);

    assertThat(store.load(k)).contains(token);
  }

  @Test
  void nestedFieldsBinaryAndNumericTypesSurviveTheRoundTrip() {
    StreamKey k = uniqueKey();
    byte[] bytes = new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff, 0x7f};
    BsonDocument token = new BsonDocument("_data", new BsonBinary(bytes))
        .append("_typeBits", new BsonBinary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
        .append("clusterTime", new BsonTimestamp(1_727_000_000, 7))
        .append("txnOpIndex", new BsonInt64(0))
        .append("version", new BsonInt32(2))
        .append("ratio", new BsonDouble(1.0))
        .append("at", new BsonDateTime(1_727_000_000_123L))
        .append("fromInvalidate", BsonBoolean.FALSE)
        .append("documentKey", new BsonDocument("_id", new BsonString("café ☕ \"quoted\" \\ back"))
            .append("shard", new BsonArray(List.of(new BsonInt32(1), new BsonInt64(2L), new BsonString("x")))));

    store.save(k, token);
    BsonDocument loaded = store.load(k).orElseThrow();

    assertThat(loaded).isEqualTo(token);
    assertThat(loaded.get("txnOpIndex").getBsonType()).isEqualTo(BsonType.INT64);
    assertThat(loaded.get("version").getBsonType()).isEqualTo(BsonType.INT32);
    assertThat(loaded.get("ratio").getBsonType()).isEqualTo(BsonType.DOUBLE);
    assertThat(loaded.getBinary("_data").getData()).containsExactly(bytes);
    assertThat(loaded.getBinary("_typeBits").getType()).isEqualTo(BsonBinarySubType.UUID_STANDARD.getValue());
  }

  @Test
  void theTokenIsStoredAsCanonicalExtendedJsonWithATimestamp() throws SQLException {
    StreamKey k = uniqueKey();
    store.save(k, new BsonDocument("_data", new BsonString("8263")).append("n", new BsonInt64(1)));

    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("SELECT token, updated_at FROM " + table
            + " WHERE stream_key = ?")) {
      ps.setString(1, k.value());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1).replace(" ", "")).isEqualTo("{\"_data\":\"8263\",\"n\":{\"$numberLong\":\"1\"}}");
        assertThat(rs.getTimestamp(2)).isNotNull();
      }
    }
  }

  @Test
  void aSecondSaveReplacesTheFirst() throws SQLException {
    StreamKey k = uniqueKey();
    store.save(k, changeStreamToken("01"));

    store.save(k, changeStreamToken("02"));

    assertThat(store.load(k)).contains(changeStreamToken("02"));
    assertThat(rows(table, k)).isEqualTo(1);
  }

  @Test
  void keysAreIndependent() {
    String suffix = UUID.randomUUID().toString();
    StreamKey books = key("books" + suffix);
    StreamKey booksUpper = key("Books" + suffix); // another collection: keys compare case-sensitively
    StreamKey other = new StreamKey("other", "db", "books" + suffix, "updateLookup");
    StreamKey unicode = key("livres-é-" + suffix);
    StreamKey longest = new StreamKey("default", "db", "c" + suffix + "x".repeat(200), "p".repeat(
        JdbcResumeTokenStore.MAX_KEY_LENGTH - ("default/db.c" + suffix + "x".repeat(200) + "/").length()));
    assertThat(longest.value()).hasSize(JdbcResumeTokenStore.MAX_KEY_LENGTH);

    store.save(books, changeStreamToken("0A"));
    store.save(booksUpper, changeStreamToken("0B"));
    store.save(other, changeStreamToken("0C"));
    store.save(unicode, changeStreamToken("0D"));
    store.save(longest, changeStreamToken("0E"));
    store.save(books, changeStreamToken("1A"));

    assertThat(store.load(books)).contains(changeStreamToken("1A"));
    assertThat(store.load(booksUpper)).contains(changeStreamToken("0B"));
    assertThat(store.load(other)).contains(changeStreamToken("0C"));
    assertThat(store.load(unicode)).contains(changeStreamToken("0D"));
    assertThat(store.load(longest)).contains(changeStreamToken("0E"));
    assertThat(store.load(key("books-never-saved" + suffix))).isEmpty();
  }

  @Test
  void aKeyWiderThanTheColumnIsRejected() {
    StreamKey tooLong = key("c".repeat(JdbcResumeTokenStore.MAX_KEY_LENGTH));

    assertThatThrownBy(() -> store.save(tooLong, changeStreamToken("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MODELCHANGE-173") // was -056, which stood for four messages
        .hasMessageContaining("512");
  }

  @Test
  void concurrentUpsertsOfOneKeyOnEightConnectionsLeaveOneRowWithALastWrittenValue() throws Exception {
    List<JdbcResumeTokenStore> perThread = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      perThread.add(newStore(table));
    }
    assertConcurrentUpserts(perThread);
  }

  @Test
  void concurrentUpsertsOfOneKeyThroughOneStoreLeaveOneRowWithALastWrittenValue() throws Exception {
    List<JdbcResumeTokenStore> shared = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      shared.add(store);
    }
    assertConcurrentUpserts(shared);
  }

  @Test
  void concurrentFirstSavesOfManyNewKeysOnEightConnectionsInsertEachKeyOnce() throws Exception {
    int threads = 8;
    int keys = 200;
    String prefix = "c" + UUID.randomUUID() + "-";
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JdbcResumeTokenStore s = newStore(table);
        s.load(uniqueKey());
        String writer = String.format(Locale.ROOT, "%02X", t);
        done.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          for (int i = 0; i < keys; i++) { // every thread inserts the same new keys in the same order
            s.save(key(prefix + i), changeStreamToken(writer));
          }
          return keys;
        }));
      }
      int saved = 0;
      for (Future<Integer> f : done) {
        saved += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(saved).isEqualTo(1600);
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT stream_key) FROM " + table
            + " WHERE stream_key LIKE ?")) {
      ps.setString(1, "default/db." + prefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(keys);
        assertThat(rs.getInt(2)).isEqualTo(keys);
      }
    }
  }

  /** 8 threads × 200 saves of one key, starting together on a key that has no row yet. */
  private void assertConcurrentUpserts(List<JdbcResumeTokenStore> storeOfThread) throws Exception {
    int threads = storeOfThread.size();
    int savesPerThread = 200;
    StreamKey k = uniqueKey();
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JdbcResumeTokenStore s = storeOfThread.get(t);
        String prefix = String.format(Locale.ROOT, "%02X", t);
        s.load(uniqueKey()); // the table is ready and the connection open before the race
        Callable<Integer> saves = () -> {
          start.await(30, TimeUnit.SECONDS);
          for (int i = 0; i < savesPerThread; i++) {
            s.save(k, changeStreamToken(prefix + String.format(Locale.ROOT, "%04X", i)));
          }
          return savesPerThread;
        };
        done.add(pool.submit(saves));
      }
      int saved = 0;
      for (Future<Integer> f : done) {
        saved += f.get(120, TimeUnit.SECONDS); // rethrows any exception of a save
      }
      assertThat(saved).isEqualTo(1600);
    } finally {
      pool.shutdownNow();
    }

    // the last committed save is the last save of some thread
    Set<BsonDocument> lastOfEachThread = new HashSet<>();
    for (int t = 0; t < threads; t++) {
      lastOfEachThread.add(changeStreamToken(String.format(Locale.ROOT, "%02X%04X", t, savesPerThread - 1)));
    }
    assertThat(rows(table, k)).isEqualTo(1);
    assertThat(store.load(k).orElseThrow()).isIn(lastOfEachThread);
  }

  @Test
  void twoStoresCreatingTheTableAtOnceBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        String fresh = newTableName();
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<StreamKey>> done = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          // connections opened beforehand, so that both stores reach CREATE TABLE at the same moment
          DriverManagerDataSource source = new DriverManagerDataSource(url(), user(), password());
          source.getConnection().close();
          JdbcResumeTokenStore s = new JdbcResumeTokenStore(view(source), fresh);
          StreamKey k = uniqueKey();
          done.add(pool.submit(() -> {
            try {
              start.await(30, TimeUnit.SECONDS);
              s.save(k, changeStreamToken(""));
              return k;
            } finally {
              source.close();
            }
          }));
        }
        for (Future<StreamKey> f : done) {
          StreamKey k = f.get(60, TimeUnit.SECONDS);
          assertThat(rows(fresh, k)).as("round %d", round).isEqualTo(1);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCorruptStoredValueMakesLoadThrowJsonParseException() throws SQLException {
    StreamKey k = uniqueKey();
    store.save(k, changeStreamToken(""));
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET token = ? WHERE stream_key = ?")) {
      ps.setString(1, "{\"_data\": \"8263"); // truncated
      ps.setString(2, k.value());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    assertThatThrownBy(() -> store.load(k))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("MODELCHANGE-172") // was -059, shared with the NULL token
        .hasMessageContaining(table)
        .hasMessageContaining(k.value());
  }

  @Test
  void aStoreOverAnExistingTableNeedsNoCreation() {
    StreamKey k = uniqueKey();
    store.save(k, changeStreamToken("AA"));

    JdbcResumeTokenStore second = newStore(table);

    assertThat(second.load(k)).contains(changeStreamToken("AA"));
  }

  // --- leases: what only the JDBC store does (the contract is LeaseStoreContract's) ---

  @Test
  void theLeaseTableIsMadeBesideTheTokenTableWithItsColumns() throws SQLException {
    String fresh = newTableName();
    LeaseStore leases = newStore(fresh).leases().orElseThrow();

    Lease lease = leases.acquire("one-instance/x", "engine-A", TEN_SECONDS).orElseThrow();

    try (Connection c = connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT lease_name, holder, epoch, expires_at FROM " + fresh + "_lease")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("one-instance/x");
      assertThat(rs.getString(2)).isEqualTo("engine-A");
      assertThat(rs.getLong(3)).isEqualTo(1L);
      assertThat(rs.getLong(4)).isEqualTo(lease.expiresAt().toEpochMilli());
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void theLeaseTableOfALongTableNameStaysWithinSixtyThreeCharacters() {
    String longest = "t".repeat(63);
    String other = "t".repeat(62) + "u";

    assertThat(JdbcResumeTokenStore.leaseTableOf("modelchange_resume_token"))
        .isEqualTo("modelchange_resume_token_lease");
    assertThat(JdbcResumeTokenStore.leaseTableOf(longest)).hasSize(63).startsWith("t".repeat(48)).endsWith("_lease")
        .isNotEqualTo(JdbcResumeTokenStore.leaseTableOf(other));
  }

  @Test
  void twoStoresCreatingTheLeaseTableAtOnceBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        String fresh = newTableName();
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Optional<Lease>>> done = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          DriverManagerDataSource source = new DriverManagerDataSource(url(), user(), password());
          source.getConnection().close();
          JdbcResumeTokenStore s = new JdbcResumeTokenStore(view(source), fresh);
          String holder = "engine-" + i;
          done.add(pool.submit(() -> {
            try {
              start.await(30, TimeUnit.SECONDS);
              return s.leases().orElseThrow().acquire("one-instance/x", holder, TEN_SECONDS);
            } finally {
              source.close();
            }
          }));
        }
        int won = 0;
        for (Future<Optional<Lease>> f : done) {
          won += f.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        assertThat(won).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void afterATakeOverTheOldHolderIsFencedOutEvenBeforeTheNewHolderSaves() {
    TestClock clock = new TestClock();
    StreamKey key = LeaseStoreContract.newStreamKey();
    String name = LeaseStoreContract.leaseOf(key);
    ResumeTokenStore oldInstance = instanceStore(clock);
    LeaseStore a = oldInstance.leases().orElseThrow();
    Lease old = a.acquire(name, "engine-A", TEN_SECONDS).orElseThrow();
    assertThat(a.saveFenced(key, LeaseStoreContract.position("01"), old)).isTrue();
    clock.advance(TEN_SECONDS.plusSeconds(1));

    leases(clock).acquire(name, "engine-B", TEN_SECONDS).orElseThrow();

    assertThat(a.saveFenced(key, LeaseStoreContract.position("0101"), old)).isFalse();
    assertThat(oldInstance.load(key)).contains(LeaseStoreContract.position("01"));
  }

  @Test
  void aFencedSaveUnderALeaseNeverTakenIsRefused() {
    StreamKey key = LeaseStoreContract.newStreamKey();
    LeaseStore leases = store.leases().orElseThrow();
    Lease invented = new Lease(LeaseStoreContract.leaseOf(key), "engine-A", 1, Instant.now().plusSeconds(60));

    assertThat(leases.saveFenced(key, LeaseStoreContract.position("01"), invented)).isFalse();
    assertThat(store.load(key)).isEmpty();
  }

  @Test
  void aLeaseNameOrHolderWiderThanItsColumnIsRejected() {
    LeaseStore leases = store.leases().orElseThrow();

    assertThatThrownBy(() -> leases.acquire("n".repeat(641), "engine-A", TEN_SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MODELCHANGE-174");
    assertThatThrownBy(() -> leases.acquire("one-instance/x", "h".repeat(256), TEN_SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MODELCHANGE-175");
    assertThatThrownBy(() -> leases.acquire("one-instance/x", "engine-A", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MODELCHANGE-176");
  }

  @Test
  void removingInstancesNotSeenRemovesTheirOldRowsAndOldLeasesOnly() throws SQLException {
    String fresh = newTableName();
    JdbcResumeTokenStore s = newStore(fresh);
    String suffix = UUID.randomUUID().toString();
    StreamKey gone = new StreamKey("default", "pod-gone", "db", "books" + suffix, "default");
    StreamKey alive = new StreamKey("default", "pod-alive", "db", "books" + suffix, "default");
    StreamKey shared = gone.shared();
    StreamKey sharedWithAt = new StreamKey("default", "db", "mail@box_%" + suffix, "a@b"); // no instance: '@' later
    for (StreamKey k : List.of(gone, alive, shared, sharedWithAt)) {
      s.save(k, changeStreamToken("01"));
    }
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("UPDATE " + fresh + " SET updated_at = ? WHERE stream_key <> ?")) {
      ps.setTimestamp(1, Timestamp.from(Instant.parse("2020-01-01T00:00:00Z"))); // all but alive, long ago
      ps.setString(2, alive.value());
      assertThat(ps.executeUpdate()).isEqualTo(3);
    }
    LeaseStore leases = s.leases().orElseThrow();
    Lease lapsed = leases.acquire("instance/default@pod-gone", "engine-A", Duration.ofMillis(1)).orElseThrow();
    Lease held = leases.acquire("instance/default@pod-alive", "engine-B", Duration.ofDays(1)).orElseThrow();
    leases.release(lapsed);

    s.removeInstancesNotSeenSince(Instant.now().minus(Duration.ofDays(1)));

    assertThat(s.load(gone)).isEmpty();
    assertThat(s.load(alive)).isPresent();
    assertThat(s.load(shared)).isPresent();
    assertThat(s.load(sharedWithAt)).isPresent();
    assertThat(leases.holder(held.name())).contains(held);
    try (Connection c = connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT lease_name FROM " + fresh + "_lease")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(held.name());
      assertThat(rs.next()).isFalse();
    }
  }
}
