package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's GraphQL demo client, {@code src/demo/BookChanges.java}, run as the README runs it ({@code java
 * BookChanges.java user url}, the JDK's source launcher): one clear line when no sample answers, and a user name
 * with quotes in it subscribes to exactly that user's books.
 */
@QuarkusTest
class DemoClientTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path CLIENT = Path.of("src", "demo", "BookChanges.java");

  @TestHTTPResource("/")
  URL base;
  @Inject
  BookSubscriptions subscriptions;

  @Test
  void withoutASampleItSaysSoInOneLine() throws Exception {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    Process client = start("alice", "ws://127.0.0.1:" + closedPort + "/graphql");
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = read(client, output);
    assertThat(client.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    reader.join(WAIT.toMillis());

    assertThat(client.exitValue()).isEqualTo(1);
    assertThat(output).containsExactly("No sample answers at ws://127.0.0.1:" + closedPort + "/graphql (connection "
        + "refused: is it running, on this port?). Start it first: mvn -B -q package -DskipTests -pl quarkus-sample "
        + "-am && java -jar quarkus-sample/target/quarkus-app/quarkus-run.jar");
  }

  @Test
  void aUserNameWithQuotesSubscribesToThatUsersBooks() throws Exception {
    String user = "o\"brien\\ \"}";
    Http http = new Http(base.toURI());
    int before = subscriptions.activeSubscriptions();
    Process client = start(user, "ws://" + base.getHost() + ":" + base.getPort() + "/graphql");
    List<String> output = new CopyOnWriteArrayList<>();
    read(client, output);
    try {
      await().atMost(WAIT).until(() -> output.contains("subscribed to the books of " + user) || !client.isAlive());
      assertThat(client.isAlive()).as("the client runs: %s", output).isTrue();
      // the subscription is in place once a book written for the user reaches the client (one a second until then)
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
        http.createBook("Probe", "Anyone", user);
        return output.stream().anyMatch(line -> line.contains("\"title\":\"Probe\""));
      });

      http.createBook("Not theirs", "Anyone", "o");
      String id = http.createBook("Quoted", "Anyone", user);
      // in order: had "Not theirs" reached this subscriber, it would be before "Quoted"
      await().atMost(WAIT).until(() -> output.stream().anyMatch(line -> line.contains(id)));
      assertThat(output).filteredOn(line -> line.contains(id)).singleElement().asString()
          .contains("\"operation\":\"insert\"", "\"title\":\"Quoted\"");
      assertThat(output).noneMatch(line -> line.contains("Not theirs"));
    } finally {
      client.destroy();
      client.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    await().atMost(WAIT).until(() -> subscriptions.activeSubscriptions() == before);
  }

  private static Process start(String user, String url) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, CLIENT.toString(), user, url).redirectErrorStream(true).start();
  }

  private static Thread read(Process process, List<String> lines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (IOException e) {
        lines.add("(output unreadable: " + e + ")");
      }
    }, "demo-client-output");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
