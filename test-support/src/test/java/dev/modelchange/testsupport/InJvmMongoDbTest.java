package dev.modelchange.testsupport;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class InJvmMongoDbTest {
  private static String uriWithShortTimeout(String uri) {
    return uri + "/?serverSelectionTimeoutMS=1000";
  }

  @Test
  void aChangeWrittenAfterWatchOpensReachesTheStream() {
    try (InJvmMongoDb mongo = InJvmMongoDb.start(); MongoClient client = MongoClients.create(mongo.uri())) {
      MongoCollection<Document> books = client.getDatabase("test").getCollection("books");
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = books.watch().cursor()) {
        books.insertOne(new Document("_id", "b1"));

        ChangeStreamDocument<Document> change = await().atMost(WAIT).until(cursor::tryNext, Objects::nonNull);
        assertThat(change.getFullDocument()).isEqualTo(new Document("_id", "b1"));
      }
    }
  }

  @Test
  void eachServerIsNewAndEmptyOnItsOwnLoopbackPort() {
    try (InJvmMongoDb first = InJvmMongoDb.start(); InJvmMongoDb second = InJvmMongoDb.start();
        MongoClient a = MongoClients.create(first.uri()); MongoClient b = MongoClients.create(second.uri())) {
      a.getDatabase("test").getCollection("books").insertOne(new Document("_id", "only-in-first"));

      assertThat(first.port()).isNotEqualTo(second.port()).isPositive();
      assertThat(first.uri()).isEqualTo("mongodb://127.0.0.1:" + first.port());
      assertThat(b.getDatabase("test").getCollection("books").countDocuments()).isZero();
    }
  }

  @Test
  void afterCloseNothingAnswersOnItsPort() {
    InJvmMongoDb mongo = InJvmMongoDb.start();
    mongo.close();
    mongo.close();

    try (MongoClient client = MongoClients.create(uriWithShortTimeout(mongo.uri()))) {
      assertThatThrownBy(() -> client.getDatabase("test").getCollection("books").countDocuments())
          .isInstanceOf(MongoTimeoutException.class);
    }
  }

  @Test
  void mainServesInAJvmOfItsOwnAndPrintsItsPortFirst() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        InJvmMongoDb.class.getName())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).startsWith(InJvmMongoDb.PORT_LINE_PREFIX);
      int port = Integer.parseInt(line.substring(InJvmMongoDb.PORT_LINE_PREFIX.length()));

      try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
        client.getDatabase("test").getCollection("books").insertOne(new Document("_id", "b1"));
        assertThat(client.getDatabase("test").getCollection("books").countDocuments()).isEqualTo(1);
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("ended when destroyed").isTrue();
    }
  }
}
