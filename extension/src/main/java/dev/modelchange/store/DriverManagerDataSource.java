package dev.modelchange.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source of {@code modelchange.resume-token.jdbc.url} / {@code .user} / {@code .password}: ONE physical
 * connection, opened on first use, kept open, and lent to one thread at a time.
 *
 * <p>Why one cached connection and not one per call: a checkpoint is written at most about 50 times per second
 * per stream, and opening a PostgreSQL or MariaDB connection costs milliseconds (TCP, authentication, session
 * set-up) — more than the upsert itself — so a connection per save would multiply the cost several times over
 * and load the server's authentication path. A pool would fix that but adds a dependency, and ModelChange needs
 * no parallelism here: the statements take well under a millisecond on a local network, so lending the single
 * connection to one thread at a time serializes the stream workers without ever queueing them noticeably.
 * Applications that want a pool give ModelChange their own {@code DataSource} (bean or JNDI) instead.
 *
 * <p>How it stays usable: {@link #getConnection()} takes a lock (waiting, interruptibly, while another thread
 * holds the connection) and returns a proxy whose {@code close()} releases the lock instead of closing the
 * physical connection. Before lending it, the connection is reopened when the driver reports it closed (drivers
 * close it on I/O errors and timeouts), and revalidated with {@link Connection#isValid(int)} when it was idle for
 * more than {@value #IDLE_BEFORE_VALIDATION_MS} ms or when {@link #invalidate()} was called after a failure
 * (a server restarted while the connection was idle, a firewall dropping idle connections). Validation costs a
 * round-trip, so it is skipped while checkpoints flow.
 *
 * <p>Timeouts: for PostgreSQL, MariaDB and MySQL URLs that do not set them, the connect timeout is set to
 * {@value #CONNECT_TIMEOUT_S} s and the socket (read) timeout to {@value #SOCKET_TIMEOUT_S} s, so that an
 * unreachable or hung server fails a call instead of blocking a stream's worker forever.
 *
 * <p>The URL and password are never logged nor put in exception messages (a URL may hold a password).
 */
final class DriverManagerDataSource implements DataSource, AutoCloseable {
  static final long IDLE_BEFORE_VALIDATION_MS = 5_000;
  static final int CONNECT_TIMEOUT_S = 10;
  static final int SOCKET_TIMEOUT_S = 60;
  private static final int VALIDATION_TIMEOUT_S = 5;
  private static final long CLOSE_WAIT_MS = 5_000;

  private final String url;
  private final Driver driver;
  private final Properties properties;
  private final ReentrantLock lock = new ReentrantLock();

  // guarded by lock
  private Connection physical;
  private long releasedAt;
  // set by any thread
  private volatile boolean validateNext;
  private volatile boolean closed;

  /**
   * Uses the driver that accepts {@code url}; opens nothing yet.
   *
   * @throws IllegalArgumentException when no driver on the class path accepts the URL (the message does not
   *     repeat the URL)
   */
  DriverManagerDataSource(String url, String user, String password) {
    this.url = url;
    try {
      this.driver = DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new IllegalArgumentException("no JDBC driver on the class path accepts this URL; add the database's "
          + "JDBC driver to the application");
    }
    this.properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      defaultTimeout(lower, "connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
      defaultTimeout(lower, "socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
    } else if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
      defaultTimeout(lower, "connectTimeout", Integer.toString(CONNECT_TIMEOUT_S * 1000));
      defaultTimeout(lower, "socketTimeout", Integer.toString(SOCKET_TIMEOUT_S * 1000));
    }
  }

  private void defaultTimeout(String lowerUrl, String name, String value) {
    if (!lowerUrl.contains(name.toLowerCase(Locale.ROOT) + "=")) {
      properties.setProperty(name, value);
    }
  }

  /**
   * Lends the connection; the caller must close the returned proxy, which gives it back.
   *
   * @throws SQLException when the connection cannot be opened, when this data source is closed, or when the
   *     waiting thread is interrupted
   */
  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLException("the data source of the resume-token store is closed", "08003");
    }
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the connection of the resume-token store", "08001", e);
    }
    try {
      if (closed) {
        throw new SQLException("the data source of the resume-token store is closed", "08003");
      }
      Connection c = usablePhysical();
      return (Connection) Proxy.newProxyInstance(DriverManagerDataSource.class.getClassLoader(),
          new Class<?>[] {Connection.class}, new Lent(c));
    } catch (SQLException | RuntimeException | Error e) {
      lock.unlock();
      throw e;
    }
  }

  /** The cached connection, reopened or revalidated as needed; called with the lock held. */
  private Connection usablePhysical() throws SQLException {
    Connection c = physical;
    if (c != null) {
      boolean idle = System.nanoTime() - releasedAt > TimeUnit.MILLISECONDS.toNanos(IDLE_BEFORE_VALIDATION_MS);
      boolean usable;
      try {
        usable = !c.isClosed() && (!(idle || validateNext) || c.isValid(VALIDATION_TIMEOUT_S));
      } catch (SQLException e) {
        usable = false;
      }
      if (usable) {
        validateNext = false;
        return c;
      }
      discardPhysical();
    }
    c = driver.connect(url, properties);
    if (c == null) {
      throw new SQLException("the JDBC driver did not accept the URL of the resume-token store", "08001");
    }
    physical = c;
    validateNext = false;
    return c;
  }

  /** Called with the lock held. */
  private void discardPhysical() {
    Connection c = physical;
    physical = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException | RuntimeException e) {
        // the connection is being discarded because it is broken; nothing more to do
      }
    }
  }

  /**
   * Makes the next {@link #getConnection()} check the connection with {@link Connection#isValid(int)} and reopen
   * it if it fails. The store calls this after a failed statement, because drivers report a broken connection
   * on the statement, not on the connection.
   */
  void invalidate() {
    validateNext = true;
  }

  /** Closes the connection; waits up to {@value #CLOSE_WAIT_MS} ms for a thread using it. Idempotent. */
  @Override
  public void close() {
    closed = true;
    boolean locked = false;
    try {
      locked = lock.tryLock(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      discardPhysical();
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  /** The proxy lent to one caller: everything goes to the physical connection, except close. */
  private final class Lent implements InvocationHandler {
    private final Connection target;
    private boolean returned;

    Lent(Connection target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close":
          giveBack();
          return null;
        case "isClosed":
          return returned || target.isClosed();
        case "abort":
          if (!returned) {
            discardPhysical();
            giveBack();
          }
          return null;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "resume-token store connection" + (returned ? " (returned)" : "");
        default:
          break;
      }
      if (returned) {
        throw new SQLException("the connection of the resume-token store was already closed", "08003");
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void giveBack() {
      if (returned) {
        return;
      }
      returned = true;
      try {
        if (physical == target && !target.getAutoCommit()) {
          target.rollback();
          target.setAutoCommit(true);
        }
      } catch (SQLException | RuntimeException e) {
        discardPhysical();
      } finally {
        releasedAt = System.nanoTime();
        lock.unlock();
      }
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the resume-token store's data source has fixed credentials");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // no logging
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // set through the URL or the defaults above
  }

  @Override
  public int getLoginTimeout() {
    return CONNECT_TIMEOUT_S;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
