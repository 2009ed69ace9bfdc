package dev.modelchange.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadProbeTest {
  @Test
  void countsLiveThreadsByTheStartOfTheirName() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Runnable parked = () -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Thread a = new Thread(parked, "probe-test-a");
    Thread b = new Thread(parked, "probe-test-b");
    Thread other = new Thread(parked, "other-probe-test");
    a.start();
    b.start();
    other.start();
    try {
      assertThat(ThreadProbe.countStartingWith("probe-test-")).isEqualTo(2);
      assertThat(ThreadProbe.count(n -> n.equals("probe-test-a"))).isEqualTo(1);
    } finally {
      release.countDown();
    }
    a.join();
    b.join();
    other.join();
    assertThat(ThreadProbe.countStartingWith("probe-test-")).as("ended threads are not counted").isZero();
  }
}
