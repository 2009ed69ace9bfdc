package dev.modelchange.tck.weld;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.modelchange.tck.backend.TckBackends;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The application's MongoClient bean, which ModelChange reuses. */
@ApplicationScoped
public class TckClientProducer {
  @Produces
  @ApplicationScoped
  MongoClient client() {
    return MongoClients.create(new ConnectionString(TckBackends.current().connectionString()));
  }

  void close(@Disposes MongoClient client) {
    client.close();
  }
}
