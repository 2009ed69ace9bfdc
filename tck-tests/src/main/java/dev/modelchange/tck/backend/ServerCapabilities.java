package dev.modelchange.tck.backend;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * The capabilities of a real MongoDB, from what it says of itself ({@code buildInfo}, {@code hello}): the
 * change-stream features by server version, and {@link Capability#STEP_DOWN} by topology.
 */
public final class ServerCapabilities {
  private ServerCapabilities() {}

  /** What a server of this version and topology can do. */
  public static Set<Capability> of(List<Integer> version, boolean replicaSet, int electableMembers) {
    Set<Capability> c = EnumSet.of(Capability.DOCUMENT_KEY_ON_UPDATE, Capability.UPDATE_DESCRIPTION,
        Capability.REPLACE_EVENTS, Capability.AWAIT_DATA, Capability.INVALIDATE_ON_DROP);
    if (atLeast(version, 4, 0, 7)) {
      c.add(Capability.POST_BATCH_RESUME_TOKEN);
    }
    if (atLeast(version, 4, 2, 0)) {
      c.add(Capability.HISTORY_LOST);
    }
    if (atLeast(version, 5, 0, 0)) {
      c.add(Capability.TRUNCATED_ARRAYS);
    }
    if (atLeast(version, 6, 0, 0)) {
      c.add(Capability.NAMESPACE_AND_WALL_TIME);
      c.add(Capability.PRE_AND_POST_IMAGES);
    }
    // $changeStreamSplitLargeEvent: new in 7.0, backported to 6.0.9. A 6.0 server's wire version (17) does not tell
    // 6.0.9 from 6.0.0, and ModelChange decides by wire version, so it asks for fragments from 7.0 (wire 21) only.
    if (atLeast(version, 7, 0, 0)) {
      c.add(Capability.SPLIT_LARGE_EVENTS);
    }
    if (replicaSet && electableMembers >= 2) {
      c.add(Capability.STEP_DOWN);
    }
    return c;
  }

  /**
   * Asks the server.
   *
   * @param followsPrimary whether the client finds a new primary by itself (several hosts or a
   *     {@code replicaSet} option, no {@code directConnection}); without it a step-down cannot be survived
   * @throws IllegalStateException for a standalone server, which has no change streams
   */
  public static Set<Capability> of(MongoClient client, boolean followsPrimary) {
    MongoDatabase admin = client.getDatabase("admin");
    Document build = admin.runCommand(new Document("buildInfo", 1));
    List<Integer> version = version(build);
    Document hello;
    try {
      hello = admin.runCommand(new Document("hello", 1));
    } catch (MongoCommandException e) {
      hello = admin.runCommand(new Document("isMaster", 1)); // before 4.4.2
    }
    boolean replicaSet = hello.getString("setName") != null;
    boolean sharded = "isdbgrid".equals(hello.getString("msg"));
    if (!replicaSet && !sharded) {
      throw new IllegalStateException("MongoDB " + build.getString("version") + " at " + hello.get("me", "this "
          + "address") + " is a standalone server: change streams need a replica set (a single node will do: "
          + "mongod --replSet rs0, then rs.initiate())");
    }
    List<?> hosts = hello.getList("hosts", Object.class, List.of());
    return of(version, replicaSet, followsPrimary ? hosts.size() : 1);
  }

  /** The version as numbers, e.g. [7, 0, 14]. */
  static List<Integer> version(Document buildInfo) {
    List<Integer> parts = new ArrayList<>();
    List<?> array = buildInfo.getList("versionArray", Object.class);
    if (array != null) {
      array.forEach(v -> parts.add(((Number) v).intValue()));
      return parts;
    }
    for (String p : buildInfo.getString("version").split("[.-]")) {
      try {
        parts.add(Integer.parseInt(p));
      } catch (NumberFormatException e) {
        break; // "7.0.0-rc1": the numbers before the suffix
      }
    }
    return parts;
  }

  private static boolean atLeast(List<Integer> version, int major, int minor, int patch) {
    int[] wanted = {major, minor, patch};
    for (int i = 0; i < wanted.length; i++) {
      int have = part(version, i);
      if (have != wanted[i]) {
        return have > wanted[i];
      }
    }
    return true;
  }

  private static int part(List<Integer> version, int i) {
    return i < version.size() ? version.get(i) : 0;
  }
}
