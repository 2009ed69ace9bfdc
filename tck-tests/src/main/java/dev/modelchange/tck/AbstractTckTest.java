package dev.modelchange.tck;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of every contract test: one instance per class (a runner starts one container for it) and a client
 * of its own to the running backend, through which the test writes the changes it expects to observe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractTckTest {
  private MongoClient client;

  @BeforeAll
  final void openTckClient() {
    client = TckDatabase.client();
  }

  @AfterAll
  final void closeTckClient() {
    client.close();
  }

  /** The test's own client to the backend. */
  protected final MongoClient client() {
    return client;
  }

  /** The TCK database, {@link TckDatabase#NAME}. */
  protected final MongoDatabase database() {
    return TckDatabase.of(client);
  }

  /** A collection of the TCK database. */
  protected final MongoCollection<Document> collection(String name) {
    return database().getCollection(name);
  }
}
