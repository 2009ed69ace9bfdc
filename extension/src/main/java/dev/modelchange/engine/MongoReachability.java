package dev.modelchange.engine;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Why MongoDB cannot be reached, as the driver's own monitoring saw it: for a start-up warning that says so. */
final class MongoReachability {
  private MongoReachability() {}

  /**
   * The servers that cannot be reached and why ({@code host:port} list, then the reasons), or empty when the
   * driver has reached a server (or the client is gone).
   */
  static Optional<String[]> whyUnreachable(MongoClient client) {
    ClusterDescription cluster;
    try {
      cluster = client.getClusterDescription();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (cluster.getSrvResolutionException() != null) {
      return Optional.of(new String[] {"(DNS SRV)", String.valueOf(cluster.getSrvResolutionException())});
    }
    List<String> servers = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (ServerDescription server : cluster.getServerDescriptions()) {
      if (server.isOk()) {
        return Optional.empty();
      }
      servers.add(server.getAddress().toString());
      Throwable e = server.getException();
      while (e != null && e.getCause() != null && e.getCause() != e) {
        e = e.getCause();
      }
      reasons.add(e == null ? "no answer yet" : e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (servers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new String[] {String.join(", ", servers), String.join("; ", reasons)});
  }
}
