package dev.modelchange.tck;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.modelchange.tck.backend.TckBackends;

/**
 * The database the contract tests write to. A runner must configure ModelChange with
 * {@code modelchange.mongodb.database=modelchange_tck} and point it at {@link TckBackends#current()}.
 */
public final class TckDatabase {
  /** The database of every TCK model. */
  public static final String NAME = "modelchange_tck";
  /** A second database, for the models that {@code modelchange.model."...".database} moves there. */
  public static final String OTHER = "modelchange_tck_other";

  private TckDatabase() {}

  /** A new client to the running backend; the test closes it. */
  public static MongoClient client() {
    return MongoClients.create(new ConnectionString(TckBackends.current().connectionString()));
  }

  /** The TCK database through {@code client}. */
  public static MongoDatabase of(MongoClient client) {
    return client.getDatabase(NAME);
  }
}
