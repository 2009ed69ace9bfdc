package dev.modelchange.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is the settings table written out: the same keys, in the same order, with the
 * same defaults and meanings. When this fails, paste the rows it prints into the README (or fix the table).
 */
class ReadmeConfigurationTableTest {
  /** Maven runs the tests in the module's directory; the README is the repository's. */
  private static final Path README = Path.of("..", "README.md");

  private static final String SECTION = "## Configuration (MicroProfile Config)";

  private static List<String> readmeRows() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int section = lines.indexOf(SECTION);
    assertThat(section).as("the README's section \"%s\"", SECTION).isNotNegative();
    return lines.stream().skip(section + 1)
        .dropWhile(line -> !line.startsWith("|"))
        .takeWhile(line -> line.startsWith("|"))
        .skip(2) // the header and its rule
        .collect(Collectors.toList());
  }

  @Test
  void theReadmeListsEveryKeyWithItsDefaultAndMeaning() throws IOException {
    List<String> expected = SettingsTable.all().stream().map(Setting::markdownRow).collect(Collectors.toList());

    assertThat(readmeRows())
        .as("the rows of the README's configuration table; from the settings table they read:%n%s",
            String.join(System.lineSeparator(), expected))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void theKeysAndDefaultsAgreeCellByCell() throws IOException {
    // the same check as above, cell by cell, for a clearer failure when only a default differs
    List<String> keysAndDefaults = readmeRows().stream()
        .map(row -> row.split(" \\| ", 3))
        .map(cells -> cells[0].substring(2) + " | " + cells[1])
        .collect(Collectors.toList());

    assertThat(keysAndDefaults).containsExactlyElementsOf(SettingsTable.all().stream()
        .map(s -> s.markdownRow().split(" \\| ", 3))
        .map(cells -> cells[0].substring(2) + " | " + cells[1])
        .collect(Collectors.toList()));
  }
}
