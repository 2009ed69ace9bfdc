package dev.modelchange.tck.weld.instances;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import dev.modelchange.testsupport.InJvmMongoDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The in-JVM MongoDB as the fourth process ({@link InJvmMongoDb#main}, from test-support): the instances'
 * MongoDB, which no kill of theirs touches. It loses all data when stopped (IN-JVM-MONGODB.md), so it runs for
 * the whole of a test's world; it ends on SIGTERM, or by itself when this JVM ends.
 */
final class MongoProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  MongoProcess(Path log) {
    try {
      process = new ProcessBuilder(AppProcess.java(InJvmMongoDb.class, Map.of()))
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      if (line == null || !line.startsWith(InJvmMongoDb.PORT_LINE_PREFIX)) {
        process.destroyForcibly();
        throw new IllegalStateException("the MongoDB process printed " + line + " instead of its port; see " + log);
      }
      port = Integer.parseInt(line.substring(InJvmMongoDb.PORT_LINE_PREFIX.length()).trim());
    } catch (Exception e) {
      throw new IllegalStateException("could not start the in-JVM MongoDB process: " + e, e);
    }
  }

  String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
