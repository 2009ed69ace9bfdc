package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The watcher's wait after an empty poll, on a clock the test moves. */
class IdleWaitTest {
  private final ManualClock clock = new ManualClock();
  private final IdleWait idle = new IdleWait(clock);

  /** A poll that returns at once, as on a server without await-data. */
  private long emptyPollAtOnce() {
    return idle.afterEmptyPoll(clock.nanoTime());
  }

  @Test
  void whileEventsCameWithinASecondEveryEmptyPollWaitsTheShortestTime() {
    idle.eventArrived();
    for (int i = 0; i < 20; i++) {
      assertThat(emptyPollAtOnce()).as("empty poll %d, %d ms after the event", i, i * 40)
          .isEqualTo(IdleWait.MIN_MILLIS);
      clock.advance(Duration.ofMillis(40));
    }
  }

  @Test
  void afterAQuietSecondTheWaitDoublesUpToTheLongest() {
    idle.eventArrived();
    clock.advance(Duration.ofMillis(1000));

    assertThat(emptyPollAtOnce()).isEqualTo(5);
    assertThat(emptyPollAtOnce()).isEqualTo(10);
    assertThat(emptyPollAtOnce()).isEqualTo(20);
    assertThat(emptyPollAtOnce()).isEqualTo(40);
    assertThat(emptyPollAtOnce()).isEqualTo(80);
    assertThat(emptyPollAtOnce()).isEqualTo(100);
    assertThat(emptyPollAtOnce()).isEqualTo(100);
  }

  @Test
  void anEventMakesTheStreamBusyAgain() {
    clock.advance(Duration.ofSeconds(5));
    emptyPollAtOnce();
    emptyPollAtOnce();
    assertThat(emptyPollAtOnce()).isEqualTo(20);

    idle.eventArrived();

    assertThat(emptyPollAtOnce()).isEqualTo(IdleWait.MIN_MILLIS);
    clock.advance(Duration.ofMillis(1500));
    assertThat(emptyPollAtOnce()).as("quiet again: the backoff starts over").isEqualTo(IdleWait.MIN_MILLIS);
    assertThat(emptyPollAtOnce()).isEqualTo(10);
  }

  @Test
  void aServerThatAwaitedDataGetsNoWaitInTheProcess() {
    clock.advance(Duration.ofSeconds(5));
    long pollStarted = clock.nanoTime();
    clock.advance(Duration.ofMillis(1000)); // the getMore was held by the server (maxAwaitTime)

    assertThat(idle.afterEmptyPoll(pollStarted)).isZero();
    idle.eventArrived();
    pollStarted = clock.nanoTime();
    clock.advance(Duration.ofMillis(60));
    assertThat(idle.afterEmptyPoll(pollStarted)).as("busy, but the server waited").isZero();
  }
}
