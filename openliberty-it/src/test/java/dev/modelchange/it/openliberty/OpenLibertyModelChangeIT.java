package dev.modelchange.it.openliberty;

import static dev.modelchange.testsupport.Waits.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ModelChange on a real Open Liberty server (started by liberty-maven-plugin), against the in-JVM MongoDB:
 * given the WAR with {@code BookObserver.onBook(@Observes @ModelChange(Book.class) ChangeEvent<Book>)}, when books
 * are written over HTTP, then the observer sees each change in order on a thread of Liberty's
 * DefaultManagedThreadFactory; and when the application is restarted while books are being written, then no
 * change is lost: the restarted application resumes from the token stored in MongoDB.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenLibertyModelChangeIT {
  private static final String BASE = System.getProperty("it.base.url");
  private static final Path DELIVERIES = Path.of(System.getProperty("it.deliveries.file"));
  private static final Path WAR = Path.of(System.getProperty("it.war"));
  private static final Path LOGS = Path.of(System.getProperty("it.server.logs"));
  private static final String DATABASE = System.getProperty("it.mongodb.database");
  /** For what takes Liberty a while: restarting the application, and the deliveries that follow. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /** Liberty's DefaultManagedThreadFactory names its threads so; ModelChange's own name would be the other. */
  private static final Pattern THREAD_NAME = Pattern.compile(
      "managedThreadFactory\\[DefaultManagedThreadFactory\\]-thread-\\d+|modelchange-" + Pattern.quote(DATABASE)
          + "\\.books");

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static MongoClient mongo;
  private static MongoDatabase db;

  @BeforeAll
  static void connect() {
    mongo = MongoClients.create(System.getProperty("it.mongodb.uri"));
    db = mongo.getDatabase(DATABASE);
  }

  @AfterAll
  static void report() throws IOException {
    if (mongo != null) {
      mongo.close();
    }
    Path messages = LOGS.resolve("messages.log");
    if (Files.exists(messages)) {
      System.out.println("--- ModelChange and application lines of " + messages);
      try (Stream<String> lines = Files.lines(messages)) {
        lines.filter(l -> l.contains("MODELCHANGE") || l.contains("CWWKZ000") || l.contains(" E ")
            || l.contains(" W ")).forEach(System.out::println);
      }
    }
  }

  /**
   * On Liberty, ModelChange's threads run only once the application has started; a change written by the
   * application's own start-up code must still reach the observer on a first deployment (no stored token yet),
   * because the engine fixes each stream's start position before its thread exists. The pom turns this on with
   * {@code it.startup-write.delay=1500}; a negative value skips it.
   */
  @Test
  @Order(0)
  void changesWrittenByStartUpCodeReachTheObserver() throws Exception {
    long delay = Long.getLong("it.startup-write.delay", -1);
    Assumptions.assumeTrue(delay >= 0, "the application writes no book at start-up (it.startup-write.delay < 0)");
    String id = status().getString("startupBook");
    assertNotNull(id, "the application wrote a book at start-up");
    await("the insert of " + id + ", written by start-up code " + delay + " ms before the application had "
        + "started, reached the observer").atMost(WAIT)
        .until(() -> deliveredIds(status(), "INSERT").contains(id));
  }

  @Test
  @Order(1)
  void observerSeesInsertUpdateDeleteInOrderOnAManagedThread() throws Exception {
    String id = insert("Dune", "Frank Herbert");
    assertEquals(204, send("PUT", "/api/books/" + id + "?title=" + enc("Dune Messiah")).statusCode());
    assertEquals(204, send("DELETE", "/api/books/" + id).statusCode());

    Document status = await("the delete of " + id).atMost(PATIENCE).until(OpenLibertyModelChangeIT::status,
        s -> deliveries(s).stream().anyMatch(d -> "DELETE".equals(d.get("operation")) && id.equals(d.get("id"))));
    System.out.println("status after insert/update/delete of " + id + ":\n" + status.toJson());
    List<Document> all = deliveries(status);
    int first = indexOf(all, "INSERT", id);
    assertTrue(first >= 0, "the insert of " + id + " was delivered: " + all);
    List<Document> seen = all.subList(first, all.size());
    assertEquals(List.of("INSERT", "UPDATE", "DELETE"),
        seen.stream().map(d -> d.getString("operation")).toList(), "operations, in order: " + seen);

    Document inserted = seen.get(0);
    Document updated = seen.get(1);
    Document deleted = seen.get(2);
    assertEquals(id, inserted.getString("id"));
    assertEquals("Dune", inserted.getString("title"));
    // The in-JVM MongoDB puts the update operators into an update's documentKey instead of {_id: ...}
    // (IN-JVM-MONGODB.md), so ChangeEvent.id() is null there; real MongoDB gives the id. Its fullDocument is the
    // $set fields merged, where real MongoDB sends none without fullDocument=UPDATE_LOOKUP.
    assertTrue(updated.getString("id") == null || id.equals(updated.getString("id")),
        "the update's id is the book's (or null on the in-JVM server): " + updated);
    assertTrue(updated.getString("title") == null || "Dune Messiah".equals(updated.getString("title")),
        "the update's document, if any, has the new title: " + updated);
    assertEquals(id, deleted.getString("id"));

    // delivered on one thread, made by Liberty's DefaultManagedThreadFactory (a ManageableThread)
    Set<String> threads = seen.stream().map(d -> d.getString("thread")).collect(Collectors.toSet());
    assertEquals(1, threads.size(), "one thread per collection: " + threads);
    String thread = threads.iterator().next();
    System.out.println("DELIVERY THREAD: " + thread + " (" + inserted.getString("threadClass") + ")");
    System.out.println("THREAD PROBE: " + get("/api/thread-probe").body().strip());
    assertTrue(THREAD_NAME.matcher(thread).matches(), "thread name: " + thread);
    assertTrue(seen.stream().allMatch(d -> d.getBoolean("manageableThread")), "ManageableThread: " + seen);
    assertTrue(inserted.getString("threadClass").startsWith("com.ibm.ws.concurrent."), inserted.toJson());
    assertEquals(List.of(), status.getList("failures", String.class), "ChangeStreamFailure events");
    assertEquals(List.of(), status.getList("gaps", String.class), "ChangeStreamGap events");
  }

  @Test
  @Order(2)
  void noChangeIsLostWhileTheApplicationRestarts() throws Exception {
    MongoCollection<Document> books = db.getCollection("books");
    String before = status().getString("instance");
    List<String> early = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      early.add(insert("before restart " + i, "A. Author"));
    }
    await("the books written before the restart").atMost(PATIENCE)
        .until(() -> deliveredIds(status(), "INSERT").containsAll(early));
    System.out.println("resume tokens before the restart: " + tokens());

    // Books are written directly into MongoDB every 20 ms from now until after the restarted app answers.
    List<String> written = new CopyOnWriteArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      for (int n = 1; writing.get(); n++) {
        ObjectId id = new ObjectId();
        books.insertOne(new Document("_id", id).append("title", "during restart " + n).append("author", "W"));
        written.add(id.toHexString());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "it-writer");
    writer.start();
    await("the writer's first books").atMost(WAIT).until(() -> written.size() >= 10);

    long t0 = System.nanoTime();
    Files.setLastModifiedTime(WAR, FileTime.from(Instant.now())); // Liberty restarts the application
    AtomicInteger refused = new AtomicInteger();
    String after = await("the application restarted").atMost(PATIENCE)
        .pollDelay(Duration.ofMillis(25)).pollInterval(Duration.ofMillis(25))
        .until(() -> instanceAnswering(refused), instance -> instance != null && !instance.equals(before));
    long restartMs = (System.nanoTime() - t0) / 1_000_000;
    List<String> writtenUntilUp = new ArrayList<>(written);
    List<String> rightAfter = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      rightAfter.add(insert("right after restart " + i, "B. Author"));
    }
    // the writer goes on a little while the restarted application runs
    await("the writer's books after the restart").atMost(WAIT)
        .until(() -> written.size() >= writtenUntilUp.size() + 15);
    writing.set(false);
    writer.join();
    System.out.printf("APP RESTART: touch -> new instance answering in %d ms (%d refused polls); %d books written "
        + "directly meanwhile, %d in all by the writer, %d over HTTP right after%n", restartMs, refused.get(),
        writtenUntilUp.size(), written.size(), rightAfter.size());

    Set<String> expected = new LinkedHashSet<>(written);
    expected.addAll(rightAfter);
    await("every book written during and after the restart").atMost(PATIENCE).untilAsserted(() -> {
      Set<String> missing = new LinkedHashSet<>(expected);
      insertsByInstance().values().forEach(missing::removeAll);
      assertEquals(Set.of(), missing, "lost: " + missing.size() + " of " + expected.size());
    });
    Map<String, List<String>> byInstance = insertsByInstance();

    List<String> old = byInstance.getOrDefault(before, List.of());
    List<String> restarted = byInstance.getOrDefault(after, List.of());
        // no change lost: each one reached the old instance before it stopped, or the new one after it started
    Set<String> lost = new LinkedHashSet<>(expected);
    lost.removeAll(old);
    lost.removeAll(restarted);
    assertEquals(Set.of(), lost, "changes lost across the restart");
    // ...and the restart really had something to catch up with: changes written while the app was down
    List<String> caughtUp = writtenUntilUp.stream().filter(id -> !old.contains(id)).toList();
    assertTrue(caughtUp.stream().allMatch(restarted::contains), "delivered after the restart: " + caughtUp);
    assertTrue(!caughtUp.isEmpty(), "some books were written while the application was down");
    // at-least-once: the restarted instance may repeat changes after the last checkpoint, never within itself
    assertEquals(new HashSet<>(old).size(), old.size(), "the old instance delivered nothing twice");
    assertEquals(new HashSet<>(restarted).size(), restarted.size(), "the new instance delivered nothing twice");
    // one writer thread: its books arrive in the order written
    assertEquals(written.stream().filter(restarted::contains).toList(),
        restarted.stream().filter(written::contains).toList(), "order of the writer's books after the restart");
    Set<String> repeated = new LinkedHashSet<>(old);
    repeated.retainAll(restarted);
    long earlyRepeated = early.stream().filter(restarted::contains).count();
    System.out.printf("RESTART RESULT: %d changes expected, 0 lost; %d written while down were delivered by the "
        + "restarted app; redelivered after the restart (at-least-once): %d of the writer's and %d of the %d "
        + "books from before the touch%n", expected.size(), caughtUp.size(), repeated.size(), earlyRepeated,
        early.size());

    Document s = status();
    assertEquals(after, s.getString("instance"));
    Set<String> threads = deliveries(s).stream().map(d -> d.getString("thread")).collect(Collectors.toSet());
    System.out.println("DELIVERY THREAD(S) AFTER THE RESTART: " + threads);
    assertTrue(threads.stream().allMatch(t -> THREAD_NAME.matcher(t).matches()), "thread names: " + threads);
    assertEquals(List.of(), s.getList("failures", String.class), "ChangeStreamFailure events after the restart");
    assertEquals(List.of(), s.getList("gaps", String.class), "ChangeStreamGap events after the restart");
    List<Document> tokens = tokens();
    System.out.println("resume tokens after the restart: " + tokens);
    assertEquals(1, tokens.size(), "one stored position, for " + DATABASE + ".books: " + tokens);
  }

  // --- helpers

  private static String insert(String title, String author) throws Exception {
    HttpResponse<String> r = send("POST", "/api/books?title=" + enc(title) + "&author=" + enc(author));
    assertEquals(201, r.statusCode(), r.body());
    String id = Document.parse(r.body()).getString("id");
    assertNotNull(id);
    return id;
  }

  /** The stored positions; the collection also holds the leases (the claim on this instance's id). */
  private static List<Document> tokens() {
    return db.getCollection("modelchange_resume_tokens").find(com.mongodb.client.model.Filters.exists("token"))
        .into(new ArrayList<>());
  }

  /** The ids of the inserts each application instance delivered, in order, from the deliveries file. */
  private static Map<String, List<String>> insertsByInstance() throws IOException {
    if (!Files.exists(DELIVERIES)) {
      return Map.of();
    }
    try (Stream<String> lines = Files.lines(DELIVERIES)) {
      return lines.map(l -> l.split("\t", -1)).filter(f -> f.length >= 3 && "INSERT".equals(f[1]))
          .collect(Collectors.groupingBy(f -> f[0], Collectors.mapping(f -> f[2], Collectors.toList())));
    }
  }

  private static Document status() throws Exception {
    HttpResponse<String> r = get("/api/status");
    assertEquals(200, r.statusCode(), r.body());
    return Document.parse(r.body());
  }

  private static List<Document> deliveries(Document status) {
    return status.getList("deliveries", Document.class);
  }

  private static Set<String> deliveredIds(Document status, String operation) {
    return deliveries(status).stream().filter(d -> operation.equals(d.getString("operation")))
        .map(d -> d.getString("id")).collect(Collectors.toSet());
  }

  private static int indexOf(List<Document> list, String operation, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (operation.equals(list.get(i).getString("operation")) && id.equals(list.get(i).getString("id"))) {
        return i;
      }
    }
    return -1;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path);
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The instance id of the application answering {@code /api/status}, or null (counted) while none answers. */
  private static String instanceAnswering(AtomicInteger refused) throws Exception {
    try {
      HttpResponse<String> r = get("/api/status");
      if (r.statusCode() == 200) {
        return Document.parse(r.body()).getString("instance");
      }
    } catch (IOException e) {
      // the application is stopped, or not yet started
    }
    refused.incrementAndGet();
    return null;
  }
}
