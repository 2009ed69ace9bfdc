package dev.modelchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message code is declared once, in a package's {@code *Messages} catalogue (one method per code), used
 * nowhere else, and listed in {@code docs/messages.md} with its meaning and its fix.
 */
class MessageCatalogueTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path DOC = Path.of("../docs/messages.md");
  private static final Pattern DECLARED = Pattern.compile("@MessageCode\\((\\d+)\\)");
  private static final Pattern LITERAL = Pattern.compile("\"MODELCHANGE-\\d{3}");
  private static final Pattern DOC_ROW = Pattern.compile("^\\| MODELCHANGE-(\\d{3}) \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|",
      Pattern.MULTILINE);

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
}
