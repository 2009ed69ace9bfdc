package dev.modelchange.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.modelchange.Delivery;
import dev.modelchange.StreamState;
import dev.modelchange.StreamStatus;
import dev.modelchange.health.StreamHealth.Probe;
import dev.modelchange.health.StreamHealth.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The health rules as a table: given one stream's state, since when, whether its position is fixed, whether its
 * worker is alive and how long its event in hand has been delivered, then readiness, liveness and startup say
 * UP or DOWN, and with which message. Grace 30 s, stuck after 60 s.
 */
class StreamHealthTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Duration GRACE = Duration.ofSeconds(30);
  static final Duration STUCK_AFTER = Duration.ofSeconds(60);
  static final String KEY = "default/library.books/default";

  /** A stream's status with everything but what the rules read at its plain value. */
  static StreamStatus status(StreamState state, long inStateSeconds, boolean positionFixed, boolean workerAlive,
      Long deliveringSeconds) {
    return new StreamStatus(KEY, List.of("com.acme.Book"), 2, state, Delivery.EACH_INSTANCE, false, 10, 3, 1, 4,
        Optional.of("com.mongodb.MongoSocketOpenException: Exception opening socket"),
        Optional.of(NOW.minusSeconds(5)), Optional.of(NOW.minusSeconds(2)), Optional.of(Duration.ofMillis(1500)),
        Optional.of(NOW.minusSeconds(1)), 7, 12, NOW.minusSeconds(inStateSeconds), positionFixed, workerAlive,
        Optional.ofNullable(deliveringSeconds).map(NOW::minusSeconds));
  }

  @ParameterizedTest(name = "{0} for {1}s, fixed={2}, alive={3}, delivering={4}s: ready={5} live={6} started={7}")
  @CsvSource(nullValues = "-", textBlock = """
      # state,   in state s, fixed, alive, delivering s, readiness,          liveness,           startup
      OPEN,      100,        true,  true,  -,            UP,                 UP,                 UP
      OPEN,      100,        true,  true,  5,            UP,                 UP,                 UP
      OPEN,      100,        true,  true,  60,           UP,                 UP,                 UP
      OPEN,      100,        true,  true,  61,           UP,                 DOWN MODELCHANGE-154, UP
      RETRYING,  10,         true,  true,  -,            UP,                 UP,                 UP
      RETRYING,  30,         true,  true,  -,            UP,                 UP,                 UP
      RETRYING,  31,         true,  true,  -,            DOWN MODELCHANGE-150, UP,               UP
      FAILED,    1,          true,  false, -,            DOWN MODELCHANGE-151, UP,               UP
      STARTING,  1,          false, true,  -,            DOWN MODELCHANGE-152, UP,               DOWN MODELCHANGE-155
      STARTING,  1,          true,  true,  -,            DOWN MODELCHANGE-152, UP,               UP
      STOPPING,  1,          true,  true,  -,            DOWN MODELCHANGE-152, UP,               UP
      STOPPED,   1,          true,  false, -,            DOWN MODELCHANGE-152, UP,               UP
      OPEN,      100,        true,  false, -,            UP,                 DOWN MODELCHANGE-153, UP
      RETRYING,  1,          true,  false, -,            UP,                 DOWN MODELCHANGE-153, UP
      STARTING,  1,          false, false, -,            DOWN MODELCHANGE-152,DOWN MODELCHANGE-153,DOWN MODELCHANGE-155
      STOPPING,  1,          true,  false, -,            DOWN MODELCHANGE-152, DOWN MODELCHANGE-153, UP
      """)
  void theRulesOfEachCheck(StreamState state, long inState, boolean fixed, boolean alive, Long delivering,
      String readiness, String liveness, String startup) {
    List<StreamStatus> streams = List.of(status(state, inState, fixed, alive, delivering));

    assertThat(outcome(StreamHealth.decide(Probe.READINESS, streams, NOW, GRACE, STUCK_AFTER)))
        .as("readiness").isEqualTo(readiness);
    assertThat(outcome(StreamHealth.decide(Probe.LIVENESS, streams, NOW, GRACE, STUCK_AFTER)))
        .as("liveness").isEqualTo(liveness);
    assertThat(outcome(StreamHealth.decide(Probe.STARTUP, streams, NOW, GRACE, STUCK_AFTER)))
        .as("startup").isEqualTo(startup);
  }

  /** "UP", or "DOWN" and the code of the stream's problem. */
  private static String outcome(Verdict v) {
    Object problem = v.data().get(KEY + ".problem");
    assertThat(problem == null).as("a problem is given exactly when DOWN: " + v).isEqualTo(v.up());
    return v.up() ? "UP" : "DOWN " + problem.toString().substring(0, "MODELCHANGE-nnn".length());
  }

  @Test
  void oneStreamDownTakesTheCheckDownAndTheOthersAreStillReported() {
    StreamStatus open = status(StreamState.OPEN, 100, true, true, null);
    StreamStatus failed = new StreamStatus("default/library.authors/default", List.of("com.acme.Author"), 1,
        StreamState.FAILED, Delivery.EACH_INSTANCE, false, 0, 0, 0, 0, Optional.of("MongoCommandException: bad $match"),
        Optional.of(NOW),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, NOW, true, false, Optional.empty());

    Verdict v = StreamHealth.readiness(List.of(open, failed), NOW, GRACE);

    assertThat(v.up()).isFalse();
    assertThat(v.data()).containsEntry(KEY, "OPEN").containsEntry("default/library.authors/default", "FAILED")
        .doesNotContainKey(KEY + ".problem");
    assertThat(v.data().get("default/library.authors/default.problem")).asString().isEqualTo(
        "MODELCHANGE-151 The change stream default/library.authors/default has failed and does not retry: "
            + "MongoCommandException: bad $match. Its ERROR in the log says why; fix the cause and restart the "
            + "application.");
  }

  @Test
  void readinessTellsEachStreamsDetails() {
    Verdict v = StreamHealth.readiness(List.of(status(StreamState.RETRYING, 12, true, true, null)), NOW, GRACE);

    assertThat(v.up()).isTrue();
    assertThat(v.data()).containsExactly(
        entry(KEY, "RETRYING for 12s (grace 30s)"),
        entry(KEY + ".lag-ms", 1500L),
        entry(KEY + ".last-checkpoint", "2026-03-01T11:59:59Z (1s ago)"),
        entry(KEY + ".events-delivered", 10L),
        entry(KEY + ".receiver-failures", 1L),
        entry(KEY + ".reconnects", 4L),
        entry(KEY + ".async-in-flight", 7L),
        entry(KEY + ".last-error",
            "com.mongodb.MongoSocketOpenException: Exception opening socket"),
        entry(KEY + ".last-error-at", "2026-03-01T11:59:55Z"));
  }

  @Test
  void aOneInstanceStreamTellsWhetherThisInstanceHoldsItsLease() {
    String one = "default/library.books/default+one-instance";
    StreamStatus holder = new StreamStatus(one, List.of("com.acme.Book"), 1, StreamState.OPEN,
        Delivery.ONE_INSTANCE, true, 3, 0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 0, 1, NOW, true, true, Optional.empty());
    StreamStatus standBy = new StreamStatus(one, List.of("com.acme.Book"), 1, StreamState.STANDBY,
        Delivery.ONE_INSTANCE, false, 0, 0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 0, 0, NOW, false, true, Optional.empty());

    Verdict holding = StreamHealth.readiness(List.of(holder), NOW, GRACE);
    Verdict standing = StreamHealth.readiness(List.of(standBy), NOW, GRACE);

    assertThat(holding.up()).isTrue();
    assertThat(holding.data()).containsEntry(one, "OPEN").containsEntry(one + ".lease", "held by this instance");
    assertThat(standing.up()).isTrue();
    assertThat(standing.data()).containsEntry(one, "standing by for its lease")
        .containsEntry(one + ".lease", "not held by this instance");
    assertThat(StreamHealth.readiness(List.of(status(StreamState.OPEN, 100, true, true, null)), NOW, GRACE).data())
        .doesNotContainKey(KEY + ".lease");
  }

  @Test
  void retryingTooLongSaysForHowLongAndWhatFailed() {
    Verdict v = StreamHealth.readiness(List.of(status(StreamState.RETRYING, 185, true, true, null)), NOW, GRACE);

    assertThat(v.data().get(KEY + ".problem")).asString().isEqualTo("MODELCHANGE-150 The change stream " + KEY
        + " has been retrying for 3m 5s, longer than modelchange.health.retrying-grace (30s); last error: "
        + "com.mongodb.MongoSocketOpenException: Exception opening socket. Check that MongoDB (and the "
        + "resume-token store) can be reached from this instance; the stream resumes from its last position once "
        + "it can.");
  }

  @Test
  void aZeroGraceTakesReadinessDownAtTheFirstRetry() {
    assertThat(StreamHealth.readiness(List.of(status(StreamState.RETRYING, 1, true, true, null)), NOW,
        Duration.ZERO).up()).isFalse();
  }

  @Test
  void withNoStreamEveryCheckIsUp() {
    for (Probe probe : Probe.values()) {
      Verdict v = StreamHealth.decide(probe, List.of(), NOW, GRACE, STUCK_AFTER);
      assertThat(v.up()).as(probe.name()).isTrue();
      assertThat(v.data()).as(probe.name()).isEmpty();
    }
  }

  @Test
  void beforeTheEngineHasStartedOnlyLivenessIsUp() {
    assertThat(StreamHealth.notStarted(Probe.READINESS).up()).isFalse();
    assertThat(StreamHealth.notStarted(Probe.STARTUP).up()).isFalse();
    assertThat(StreamHealth.notStarted(Probe.LIVENESS).up()).isTrue();
    assertThat(StreamHealth.notStarted(Probe.READINESS).data()).containsEntry("problem",
        "MODELCHANGE-156 ModelChange has not started yet: the application is starting.");
  }

  @Test
  void switchedOffEveryCheckIsUpAndSaysSo() {
    assertThat(StreamHealth.disabled().up()).isTrue();
    assertThat(StreamHealth.disabled().data()).containsEntry("disabled",
        "MODELCHANGE-157 modelchange.health.enabled=false: this check reports UP without looking at the streams.");
  }

  @ParameterizedTest
  @CsvSource({"PT0.25S, 250ms", "PT42S, 42s", "PT3M5S, 3m 5s", "PT2H, 2h 0m", "PT26H3M, 26h 3m"})
  void durationsInWords(Duration d, String words) {
    assertThat(StreamHealth.words(d)).isEqualTo(words);
  }
}
