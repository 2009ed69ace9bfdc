package dev.modelchange.examples.weldse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The root README's "Quick start on Weld SE" shows this module's files as they are (the Java files from their
 * imports on, since a user picks their own package): change one, and this test says to change the README too.
 */
class ReadmeTest {
  private static final Path README = Path.of("..", "..", "README.md");

  @ParameterizedTest
  @ValueSource(strings = {"java/dev/modelchange/examples/weldse/Book.java",
      "java/dev/modelchange/examples/weldse/BookLog.java", "java/dev/modelchange/examples/weldse/QuickStart.java",
      "resources/META-INF/beans.xml", "resources/META-INF/microprofile-config.properties"})
  void theReadmeShowsTheFileAsItIs(String file) throws IOException {
    String text = Files.readString(Path.of("src", "main").resolve(file));
    String shown = text.contains("\nimport ") ? text.substring(text.indexOf("import ")) : text;
    assertThat(quickStart()).as("README.md's quick start shows %s as it is", file).contains("\n" + shown + "```");
  }

  @Test
  void theReadmeNamesTheVersionsThisModuleIsBuiltWith() throws IOException {
    String pom = Files.readString(Path.of("..", "..", "pom.xml"));
    assertThat(quickStart())
        .contains("<version>" + property(pom, "version.weld") + "</version>")
        .contains("<version>" + property(pom, "version.smallrye-config") + "</version>")
        .contains("<version>" + property(Files.readString(Path.of("pom.xml")), "version.slf4j") + "</version>");
  }

  private static String quickStart() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("## Quick start on Weld SE");
    assertThat(start).as("README.md has a section \"Quick start on Weld SE\"").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static String property(String pom, String name) {
    int start = pom.indexOf("<" + name + ">") + name.length() + 2;
    return pom.substring(start, pom.indexOf("</" + name + ">", start));
  }
}
