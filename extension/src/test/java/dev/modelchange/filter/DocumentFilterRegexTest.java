package dev.modelchange.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * Regular expressions run in time linear in the input (RE2/J), with MongoDB's options i, m, s and x; what RE2/J
 * cannot run is refused when the filter is parsed.
 */
class DocumentFilterRegexTest {
  /** The title that held the shared stream: 99,999 times "a", then "!". */
  private static final String LONG_TITLE = "a".repeat(99_999) + "!";
  /** Only to keep a regression from hanging the build: RE2/J needs milliseconds, the old engine minutes or ever. */
  private static final Duration HANG_GUARD = Duration.ofMinutes(1);

  private static DocumentFilter regex(String pattern, String options) {
    return DocumentFilter.parse(new BsonDocument("title", new BsonDocument("$regex", new BsonString(pattern))
        .append("$options", new BsonString(options))));
  }

  private static boolean matches(DocumentFilter filter, String title) {
    return filter.matches(new BsonDocument("title", new BsonString(title)));
  }

  @Test
  void nestedQuantifiersOnALongTitleCompleteWithTheRightAnswer() {
    for (String pattern : new String[] {"(a+)+$", "((a+)+)+$", "(a|aa)+$", "(a*)*b"}) {
      DocumentFilter filter = regex(pattern, "");
      long started = System.nanoTime();
      boolean matched = assertTimeoutPreemptively(HANG_GUARD, () -> matches(filter, LONG_TITLE), pattern);
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(matched).as("%s on %,d characters (took %,d ms)", pattern, LONG_TITLE.length(), millis).isFalse();
    }
    DocumentFilter exclaimed = regex("(a+)+!$", "");
    long started = System.nanoTime();
    boolean matched = assertTimeoutPreemptively(HANG_GUARD, () -> matches(exclaimed, LONG_TITLE));
    assertThat(matched).as("(a+)+!$ on %,d characters (took %,d ms)", LONG_TITLE.length(),
        (System.nanoTime() - started) / 1_000_000).isTrue();
  }

  @Test
  void constructsWithoutALinearTimeEvaluationAreRefusedAtParseNamingThem() {
    String[][] cases = {
        {"(a)\\1", "backreference"},
        {"(?<x>a)\\k<x>", "backreference"},
        {"(?=a)", "lookahead"},
        {"a(?!b)", "lookahead"},
        {"(?<=a)b", "lookbehind"},
        {"(?<!a)b", "lookbehind"},
        {"(?>a+)b", "atomic group"},
        {"a*+b", "possessive quantifier"},
        {"a{2}+b", "possessive quantifier"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> regex(c[0], "")).as(c[0]).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("MODELCHANGE-035 ").hasMessageContaining(c[1]).hasMessageContaining("$regex")
          .hasMessageContaining("'title'");
    }
  }

  @Test
  void optionsAreMongoDbs() {
    assertThat(matches(regex("^dune", "i"), "Dune")).as("i").isTrue();
    assertThat(matches(regex("^dune", ""), "Dune")).isFalse();
    assertThat(matches(regex("^b", "m"), "a\nb")).as("m").isTrue();
    assertThat(matches(regex("^b", ""), "a\nb")).isFalse();
    assertThat(matches(regex("a.b", "s"), "a\nb")).as("s").isTrue();
    assertThat(matches(regex("a.b", ""), "a\nb")).isFalse();
    assertThat(matches(regex("d u n e  # the title\n$", "x"), "dune")).as("x: spaces and comments").isTrue();
    assertThat(matches(regex("a[ ]b", "x"), "a b")).as("x: a space in a class counts").isTrue();
    assertThat(matches(regex("a\\ b\\#", "x"), "a b#")).as("x: escaped space and #").isTrue();
    assertThat(matches(regex("a b", ""), "ab")).as("without x a space counts").isFalse();
    assertThat(matches(regex("DUNE$", "ix"), "dune")).as("options together").isTrue();
  }

  @Test
  void dollarMatchesBeforeAFinalNewlineAsInPcre() {
    assertThat(matches(regex("une$", ""), "Dune\n")).isTrue();
    assertThat(matches(regex("une$", ""), "Dune\n\n")).isFalse();
    assertThat(matches(regex("une\\Z", ""), "Dune\n")).isTrue();
    assertThat(matches(regex("une\\z", ""), "Dune\n")).isFalse();
    assertThat(matches(regex("une$", "m"), "Dune\nMessiah")).isTrue();
    assertThat(matches(regex("^$", ""), "")).isTrue();
    assertThat(matches(regex("[$]", ""), "US$")).as("a $ in a class is a dollar").isTrue();
  }

  @Test
  void aRegexLiteralMatchesStringsAndTheSameRegex() {
    DocumentFilter f = DocumentFilter.parse(new BsonDocument("title", new BsonRegularExpression("^du", "i")));
    assertThat(matches(f, "Dune")).isTrue();
    assertThat(f.matches(new BsonDocument("title", new BsonRegularExpression("^du", "i")))).isTrue();
    assertThat(f.matches(new BsonDocument("title", new BsonRegularExpression("^du", "")))).isFalse();
    assertThat(f.matches(BsonDocument.parse("{\"title\": 5}"))).isFalse();
  }

  @Test
  void anUnknownOptionIsRefusedNamingIt() {
    assertThatThrownBy(() -> regex("a", "u")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("MODELCHANGE-034 ").hasMessageContaining("'u'");
  }
}
