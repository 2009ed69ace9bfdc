package dev.modelchange.tck.backend;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.EnumSet;
import java.util.Set;
import org.bson.Document;

/** A real MongoDB replica set at {@code MODELCHANGE_TEST_MONGODB_URI}; its capabilities follow its version. */
final class UriBackend implements TckBackend {
  private final String uri;
  private final Set<Capability> capabilities;

  UriBackend(String uri) {
    this.uri = uri;
    try (MongoClient client = MongoClients.create(new ConnectionString(uri))) {
      String version = client.getDatabase("admin").runCommand(new Document("buildInfo", 1)).getString("version");
      int major = Integer.parseInt(version.split("\\.")[0]);
      capabilities = EnumSet.of(Capability.DOCUMENT_KEY_ON_UPDATE, Capability.UPDATE_DESCRIPTION,
          Capability.REPLACE_EVENTS, Capability.POST_BATCH_RESUME_TOKEN, Capability.AWAIT_DATA,
          Capability.INVALIDATE_ON_DROP);
      if (major >= 6) {
        capabilities.add(Capability.NAMESPACE_AND_WALL_TIME);
        capabilities.add(Capability.PRE_AND_POST_IMAGES);
      }
    }
  }

  @Override
  public String connectionString() {
    return uri;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public void close() {}
}
