package dev.modelchange.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both paths are given, so Selenium Manager never
 * looks for (or downloads) a browser or a driver. Without them the test is skipped, saying what to install; with
 * {@code CI=true} it fails instead, so that CI cannot pass without having run it ({@code .ci/run} installs them).
 *
 * <p>{@code -Dsample.chromium=...} and {@code -Dsample.chromedriver=...} name other binaries.
 */
final class HeadlessChromium {
  static final String BROWSER = System.getProperty("sample.chromium", "/usr/bin/chromium");
  static final String DRIVER = System.getProperty("sample.chromedriver", "/usr/bin/chromedriver");
  private static final String INSTALL = "apt-get install chromium chromium-driver (Debian), or run .ci/run";

  private HeadlessChromium() {}

  /** A new browser with its own fresh profile; skips or fails (see above) when none can start. */
  static ChromeDriver start(Path profile) {
    if (!Files.isExecutable(Path.of(BROWSER)) || !Files.isExecutable(Path.of(DRIVER))) {
      unavailable("no " + (Files.isExecutable(Path.of(BROWSER)) ? DRIVER : BROWSER), null);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    // as root in a container: no sandbox, no GPU, /tmp instead of a small /dev/shm, no calls home, a fresh profile
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000", "--lang=en-GB");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort()
        .withLogFile(new File("target/chromedriver.log"))
        .withTimeout(Duration.ofSeconds(30))
        .build();
    try {
      return new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      unavailable(BROWSER + " did not start: " + e.getMessage().lines().findFirst().orElse(""), e);
      throw e;
    }
  }

  static Path newProfile() {
    try {
      return Files.createTempDirectory("modelchange-chromium-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void unavailable(String why, Throwable cause) {
    String message = "No headless Chromium for the browser test (" + why + "): " + INSTALL;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + ". CI=true: failing rather than skipping.", cause);
    }
    Assumptions.abort(message);
  }
}
