package dev.modelchange.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * What the JDBC resume-token store needs of the configuration, and nothing more. The URL and the password are
 * never shown by {@link #toString()}: a URL may carry a password too.
 *
 * @param datasource {@code modelchange.resume-token.jdbc.datasource}, a JNDI name; null when unset
 * @param url {@code modelchange.resume-token.jdbc.url}; null when unset
 * @param user {@code modelchange.resume-token.jdbc.user}; null when unset
 * @param password {@code modelchange.resume-token.jdbc.password}, as given (it may be empty); null when unset
 * @param table {@code modelchange.resume-token.jdbc.table}, a plain SQL identifier
 */
public record JdbcStoreSettings(String datasource, String url, String user, String password, String table) {
  public JdbcStoreSettings {
    Objects.requireNonNull(table, "table");
  }

  /** The JNDI name of the data source, if one is configured. */
  public Optional<String> datasourceName() {
    return Optional.ofNullable(datasource);
  }

  /** The JDBC URL, if one is configured. */
  public Optional<String> jdbcUrl() {
    return Optional.ofNullable(url);
  }

  @Override
  public String toString() {
    return "JdbcStoreSettings[datasource=" + datasource + ", url=" + (url == null ? null : "(hidden)") + ", user="
        + user + ", password=" + (password == null ? null : "(hidden)") + ", table=" + table + "]";
  }
}
