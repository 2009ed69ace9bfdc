package dev.modelchange.tck.weld;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelchange.tck.broken.Broken;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each broken observer alone fails deployment with a definition error naming bean, method and cause. */
class BrokenObserverTest {
  static Stream<Broken.Case> cases() {
    return Broken.CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deploymentFailsNamingTheObserver(Broken.Case c) {
    assertThatThrownBy(() -> {
      try (WeldContainer container = TckWeld.weld(c.bean()).initialize()) {
        // never reached: initialize() must fail
      }
    }).isInstanceOf(jakarta.enterprise.inject.spi.DefinitionException.class)
        .hasMessageContaining(c.code())
        .hasMessageContaining(c.method())
        .hasMessageContaining(c.cause());
  }
}
