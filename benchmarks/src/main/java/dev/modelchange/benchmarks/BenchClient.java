package dev.modelchange.benchmarks;

import com.mongodb.client.MongoClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The application's MongoClient bean (ModelChange reuses it), connected to the trial's server. */
@ApplicationScoped
public class BenchClient {
  /** The trial's server; set before the container boots. */
  public static volatile String uri;

  @Produces
  @ApplicationScoped
  MongoClient client() {
    return Bench.client(uri);
  }

  void close(@Disposes MongoClient client) {
    client.close();
  }
}
