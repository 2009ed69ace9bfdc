package dev.modelchange.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live page at {@code /} in a real browser (headless Chromium, see {@link HeadlessChromium}), as a person uses
 * it: alice adds a book and sees it in her live feed; bob, in another window, adds one that never reaches alice's
 * feed; alice edits hers and the next read is a cache miss; a sync completes and its notification appears. Ends
 * with a screenshot, {@code target/live-page.png}.
 */
@QuarkusTest
class LivePageBrowserTest {
  /** "Within a few seconds": from a click to the change on the screen. */
  private static final Duration LIVE = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofSeconds(10);
  static final Path SCREENSHOT = Path.of("target", "live-page.png");

  @TestHTTPResource("/")
  URL base;
  @Inject
  BookSubscriptions subscriptions;
  @Inject
  SyncNotifier syncNotifier;
  @Inject
  LibraryDatabase db;
  @Inject
  CacheEvents cacheEvents;

  private Path profile;
  private ChromeDriver browser;
  /** The GraphQL subscriptions before the test: the page's go when the browser does. */
  private int subscribed;

  @BeforeEach
  void openBrowser() {
    subscribed = subscriptions.activeSubscriptions();
    profile = HeadlessChromium.newProfile();
    browser = HeadlessChromium.start(profile);
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
      await().atMost(WAIT).until(() -> subscriptions.activeSubscriptions() == subscribed);
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void alicesPageShowsHerChangesOnlyTheCacheAndTheSyncNotificationsLive() throws IOException {
    emptyAlicesLibrary();
    int sseClients = syncNotifier.clients();

    // alice opens the page: her subscription and the two event streams are connected
    browser.get(base + "?user=alice");
    String alice = browser.getWindowHandle();
    await().atMost(WAIT).until(() -> subscriptions.activeSubscriptions() == subscribed + 1);
    await().atMost(WAIT).until(() -> badge("graphql-status").equals("connected")
        && badge("sync-status").equals("connected") && badge("cache-status").equals("connected"));

    // she adds a book with the form: it appears in her live feed
    addBook("Dune", "Frank Herbert");
    WebElement inserted = await().atMost(LIVE).until(() -> feedEntry("insert", "Dune"), e -> e != null);
    String dune = inserted.getAttribute("data-id");
    assertThat(dune).matches("[0-9a-f]{24}");
    assertThat(inserted.getText()).containsPattern("\\d+ ms after the write");
    await().atMost(WAIT).until(() -> bookRow(dune) != null);

    // bob, in a second window, adds a book: his feed shows it
    browser.switchTo().newWindow(WindowType.WINDOW);
    browser.get(base + "?user=bob");
    String bob = browser.getWindowHandle();
    await().atMost(WAIT).until(() -> subscriptions.activeSubscriptions() == subscribed + 2);
    addBook("Bob's secret diary", "Bob");
    await().atMost(LIVE).until(() -> feedEntry("insert", "Bob's secret diary") != null);

    // alice adds a marker after it; once the marker is in her feed, bob's book would have been before it
    browser.switchTo().window(alice);
    addBook("The marker", "Anyone");
    await().atMost(LIVE).until(() -> feedEntry("insert", "The marker") != null);
    assertThat(feed()).extracting(e -> e.getAttribute("data-title"))
        .containsExactly("The marker", "Dune")
        .doesNotContain("Bob's secret diary");

    // a read is served by the cache (repeated: an eviction left by an earlier test can make one a miss)
    await().atMost(WAIT).until(() -> read(dune).equals("hit"));

    // she edits her book: the feed shows the update, and the next read is a miss, since the write evicted it
    click(dune, "edit");
    WebElement title = browser.findElement(By.id("book-title"));
    title.clear();
    title.sendKeys("Dune Messiah");
    browser.findElement(By.id("book-submit")).click();
    await().atMost(LIVE).until(() -> feedEntry("update", "Dune Messiah") != null);
    assertThat(feedEntry("update", "Dune Messiah").getAttribute("data-id")).isEqualTo(dune);
    await().atMost(WAIT).until(() -> cacheEntries(dune).stream().anyMatch(e -> e.getText().contains("(PATCH)")));
    assertThat(read(dune)).isEqualTo("miss");
    assertThat(newestRead(dune).getText()).contains("Dune Messiah");

    // a background sync completes: the notification appears
    await().atMost(WAIT).until(() -> syncNotifier.clients() >= sseClients + 1);
    browser.findElement(By.id("resource-name")).clear();
    browser.findElement(By.id("resource-name")).sendKeys("crm");
    browser.findElement(By.cssSelector("#sync-form button[type=submit]")).click();
    WebElement resource = await().atMost(WAIT).until(
        () -> first(browser.findElements(By.cssSelector("#resources li[data-name='crm']"))), e -> e != null);
    String crm = resource.getAttribute("data-id");
    resource.findElement(By.cssSelector("button[data-action=complete]")).click();
    await().atMost(LIVE).until(() -> !browser.findElements(
        By.cssSelector("#notifications li[data-resource-id='" + crm + "']")).isEmpty());
    assertThat(resource.findElement(By.className("state")).getText()).isEqualTo("completed");

    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

    // bob closes his window: his subscription goes with it
    browser.switchTo().window(bob).close();
    browser.switchTo().window(alice);
    await().atMost(WAIT).until(() -> subscriptions.activeSubscriptions() == subscribed + 1);
  }

  /**
   * Given alice has no books: other tests of this application may have written some. Deletes them and waits for
   * their evictions by the change stream, which come after those of every earlier change, so that nothing written
   * before this test reaches the page.
   */
  private void emptyAlicesLibrary() {
    List<String> ids = db.books().find(Filters.eq("userId", "alice")).map(Book::getId).into(new ArrayList<>());
    Set<String> evicted = ConcurrentHashMap.newKeySet();
    Cancellable watch = cacheEvents.events().subscribe().with(e -> {
      if ("change stream: delete".equals(e.reason())) {
        evicted.add(e.bookId());
      }
    });
    try {
      db.books().deleteMany(Filters.eq("userId", "alice"));
      await().atMost(WAIT).until(() -> evicted.containsAll(ids));
    } finally {
      watch.cancel();
    }
  }

  /** Clicks Read on the book's row; whether the cache panel then marks the read a hit or a miss. */
  private String read(String id) {
    int before = reads(id).size();
    click(id, "read");
    await().atMost(LIVE).until(() -> reads(id).size() == before + 1);
    return newestRead(id).getAttribute("data-kind");
  }

  /** Clicks a button of the book's row (found again if the list was redrawn meanwhile, as each change redraws it). */
  private void click(String id, String action) {
    await().atMost(WAIT).ignoreException(StaleElementReferenceException.class).until(() -> {
      bookRow(id).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
      return true;
    });
  }

  private void addBook(String title, String author) {
    browser.findElement(By.id("book-title")).sendKeys(title);
    browser.findElement(By.id("book-author")).sendKeys(author);
    browser.findElement(By.id("book-submit")).click();
  }

  private String badge(String id) {
    return browser.findElement(By.id(id)).getAttribute("data-state");
  }

  /** The live feed's entries, newest first. */
  private List<WebElement> feed() {
    return browser.findElements(By.cssSelector("#feed li"));
  }

  private WebElement feedEntry(String operation, String title) {
    return feed().stream().filter(e -> operation.equals(e.getAttribute("data-op"))
        && title.equals(e.getAttribute("data-title"))).findFirst().orElse(null);
  }

  private WebElement bookRow(String id) {
    return first(browser.findElements(By.cssSelector("#books tr[data-id='" + id + "']")));
  }

  /** The cache panel's entries about this book, newest first. */
  private List<WebElement> cacheEntries(String id) {
    return browser.findElements(By.cssSelector("#cache li[data-book-id='" + id + "']"));
  }

  private List<WebElement> reads(String id) {
    return cacheEntries(id).stream().filter(e -> List.of("hit", "miss").contains(e.getAttribute("data-kind")))
        .toList();
  }

  private WebElement newestRead(String id) {
    return reads(id).get(0);
  }

  private static WebElement first(List<WebElement> elements) {
    return elements.isEmpty() ? null : elements.get(0);
  }
}
