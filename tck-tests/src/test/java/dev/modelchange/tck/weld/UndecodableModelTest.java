package dev.modelchange.tck.weld;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelchange.cdi.ModelChangeExtension;
import dev.modelchange.tck.broken.Broken;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An observer of a model that the codecs cannot build fails deployment naming the observer, the model and the fix:
 * at boot when the codecs are the default ones, when ModelChange starts when the application brings its own.
 */
@ExtendWith(BackendExtension.class)
class UndecodableModelTest {
  static Stream<Broken.Case> cases() {
    return Broken.UNDECODABLE.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withTheDefaultCodecsTheBootFails(Broken.Case c) {
    // no MongoClient or CodecRegistry bean: the engine will decode with the default codecs, known at boot
    assertThatThrownBy(() -> {
      try (WeldContainer container = new Weld().disableDiscovery().addExtension(new ModelChangeExtension())
          .addBeanClasses(c.bean()).initialize()) {
        // never reached: initialize() must fail
      }
    }).isInstanceOf(DefinitionException.class)
        .hasMessageContaining(c.code()).hasMessageContaining(c.method()).hasMessageContaining(c.cause())
        .hasMessageContaining("add a public no-argument constructor");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withTheApplicationsClientTheStartFails(Broken.Case c) {
    // the TCK's MongoClient bean: its codecs decode, and only the start knows them
    assertThatThrownBy(() -> {
      try (WeldContainer container = TckWeld.weld(c.bean()).initialize()) {
        // never reached: initialize() must fail
      }
    }).isInstanceOf(DeploymentException.class).hasMessageContaining("MODELCHANGE-016")
        .hasMessageContaining(c.code()).hasMessageContaining(c.method()).hasMessageContaining(c.cause())
        .hasMessageContaining("add a public no-argument constructor");
  }
}
