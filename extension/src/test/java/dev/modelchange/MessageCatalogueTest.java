package dev.modelchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message code is declared once, in a package's {@code *Messages} catalogue (one method per code, within
 * the package's ranges), used nowhere else, and listed in {@code docs/messages.md} with its meaning and its fix.
 */
class MessageCatalogueTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path DOC = Path.of("../docs/messages.md");
  private static final Pattern DECLARED = Pattern.compile("@MessageCode\\((\\d+)\\)");
  private static final Pattern LITERAL = Pattern.compile("\"MODELCHANGE-\\d{3}");
  private static final Pattern DOC_ROW = Pattern.compile("^\\| MODELCHANGE-(\\d{3}) \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|",
      Pattern.MULTILINE);

  /**
   * The codes each package may use: a new message takes the next free code of its package's ranges (and a new
   * range, when one is full, is added here and in docs/messages.md).
   */
  private static final Map<String, int[][]> RANGES = Map.of(
      "dev.modelchange", new int[][] {{20, 20}, {40, 43}, {48, 49}},
      "dev.modelchange.cdi", new int[][] {{5, 5}, {10, 19}, {90, 99}, {110, 119}},
      "dev.modelchange.engine", new int[][] {{1, 4}, {6, 9}, {44, 47}, {50, 54}, {60, 89}, {140, 149}},
      "dev.modelchange.filter", new int[][] {{30, 39}, {130, 139}},
      "dev.modelchange.health", new int[][] {{150, 159}},
      "dev.modelchange.metrics", new int[][] {{160, 169}},
      "dev.modelchange.settings", new int[][] {{21, 29}, {120, 129}},
      "dev.modelchange.store", new int[][] {{55, 59}, {170, 189}});

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  /** Code to the catalogues that declare it. */
  private static Map<Integer, List<String>> declared() throws IOException {
    Map<Integer, List<String>> codes = new TreeMap<>();
    for (Path f : sources()) {
      if (!f.getFileName().toString().endsWith("Messages.java")) {
        continue;
      }
      Matcher m = DECLARED.matcher(Files.readString(f));
      while (m.find()) {
        codes.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(f.getFileName().toString());
      }
    }
    return codes;
  }

  @Test
  void noCodeIsDeclaredTwice() throws IOException {
    Map<Integer, List<String>> twice = new TreeMap<>(declared());
    twice.values().removeIf(where -> where.size() == 1);
    assertThat(twice).as("codes declared by more than one message").isEmpty();
  }

  @Test
  void codesAreWrittenOnlyInTheCatalogues() throws IOException {
    List<String> strays = new ArrayList<>();
    for (Path f : sources()) {
      if (f.getFileName().toString().endsWith("Messages.java")) {
        continue;
      }
      String text = Files.readString(f);
      Matcher m = LITERAL.matcher(text);
      while (m.find()) {
        strays.add(f.getFileName() + ": " + m.group());
      }
    }
    assertThat(strays).as("message codes written outside a *Messages catalogue").isEmpty();
  }

  @Test
  void theDocumentListsEveryCodeWithItsMeaningAndFix() throws IOException {
    String doc = Files.readString(DOC);
    Map<Integer, String[]> rows = new TreeMap<>();
    Matcher m = DOC_ROW.matcher(doc);
    while (m.find()) {
      rows.put(Integer.parseInt(m.group(1)), new String[] {m.group(2).trim(), m.group(3).trim(), m.group(4).trim()});
    }
    assertThat(rows.keySet()).as("codes in docs/messages.md, against the catalogues")
        .containsExactlyElementsOf(declared().keySet());
    rows.forEach((code, cells) -> assertThat(cells[1]).as("meaning of MODELCHANGE-%03d", code).isNotEmpty());
    rows.forEach((code, cells) -> assertThat(cells[2]).as("fix of MODELCHANGE-%03d", code).isNotEmpty());
  }

  @Test
  void everyCatalogueMethodHasACodeInItsPackagesRanges() throws Exception {
    List<String> faults = new ArrayList<>();
    int methods = 0;
    for (Path f : sources()) {
      String file = f.getFileName().toString();
      if (!file.endsWith("Messages.java") || file.equals("Messages.java")) {
        continue;
      }
      String name = SOURCES.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
          .replaceAll("\\.java$", "");
      Class<?> catalogue = Class.forName(name);
      int[][] ranges = RANGES.get(catalogue.getPackageName());
      if (ranges == null) {
        faults.add(name + ": its package has no ranges in MessageCatalogueTest.RANGES");
        continue;
      }
      for (Method m : catalogue.getDeclaredMethods()) {
        if (Modifier.isPrivate(m.getModifiers()) || m.isSynthetic()) {
          continue;
        }
        methods++;
        Integer code = codeOf(m);
        if (code == null) {
          faults.add(name + "." + m.getName() + ": no @MessageCode");
        } else if (Arrays.stream(ranges).noneMatch(r -> code >= r[0] && code <= r[1])) {
          faults.add(String.format("%s.%s: MODELCHANGE-%03d is outside %s's ranges %s", name, m.getName(), code,
              catalogue.getPackageName(), Arrays.deepToString(ranges)));
        }
      }
    }
    assertThat(methods).as("catalogue methods read").isGreaterThan(100);
    assertThat(faults).as("catalogue methods without a code, or with one outside their package's ranges").isEmpty();
  }

  /** The value of the method's {@code @MessageCode}: the API package has its own, package-private annotation. */
  private static Integer codeOf(Method m) throws ReflectiveOperationException {
    for (Annotation a : m.getAnnotations()) {
      if (a.annotationType().getSimpleName().equals("MessageCode")) {
        Method value = a.annotationType().getDeclaredMethod("value");
        value.setAccessible(true);
        return (Integer) value.invoke(a);
      }
    }
    return null;
  }
}
