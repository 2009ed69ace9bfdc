package dev.modelchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The imports between the library's packages run one way, as docs/architecture.md draws them: the API and SPI at
 * the bottom, settings, filter, store and engine above them, runtime and the CDI layer on top.
 */
class PackageGraphTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/modelchange");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.modelchange\\.?([a-z]*)[.;]",
      Pattern.MULTILINE);

  /** What each package may import of the library, besides itself; "" is the API package. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "", Set.of("spi"),
      "spi", Set.of(),
      "logging", Set.of(),
      "settings", Set.of("", "logging"),
      "filter", Set.of("logging"),
      "store", Set.of("", "spi", "settings", "logging"),
      "engine", Set.of("", "spi", "settings", "filter", "logging"),
      "runtime", Set.of("", "spi", "settings", "engine", "store", "logging"));

  @Test
  void importsRunOneWay() throws IOException {
    Map<String, Set<String>> graph = imports();
    Map<String, Set<String>> forbidden = new TreeMap<>();
    graph.forEach((from, to) -> {
      Set<String> allowed = ALLOWED.get(from);
      if (allowed == null) {
        return; // the top layer (cdi, health, metrics) may import any package below it
      }
      to.stream().filter(t -> !allowed.contains(t)).forEach(t -> forbidden.computeIfAbsent(
          from.isEmpty() ? "(api)" : from, k -> new TreeSet<>()).add(t.isEmpty() ? "(api)" : t));
    });
    assertThat(forbidden).as("imports against the layering, by package").isEmpty();
    assertThat(graph.get("store")).as("store never imports engine").doesNotContain("engine");
    assertThat(graph.keySet()).as("every package has its place").containsAll(ALLOWED.keySet());
  }

  @Test
  void noPackageBelowTheTopImportsTheTop() throws IOException {
    Map<String, Set<String>> graph = imports();
    Set<String> top = new TreeSet<>(graph.keySet());
    top.removeAll(ALLOWED.keySet());
    graph.forEach((from, to) -> {
      if (ALLOWED.containsKey(from)) {
        assertThat(to).as(from + " imports the top layer").doesNotContainAnyElementsOf(top);
      }
    });
  }

  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path rel = SOURCES.relativize(f.getParent() == null ? f : f.getParent());
        String pkg = rel.toString().isEmpty() ? "" : rel.getName(0).toString();
        Set<String> to = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            to.add(m.group(1));
          }
        }
      }
    }
    return graph;
  }
}
