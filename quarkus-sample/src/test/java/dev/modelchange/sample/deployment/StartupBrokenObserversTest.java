package dev.modelchange.sample.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ModelChange;
import dev.modelchange.cdi.DiscoveredObservers;
import dev.modelchange.cdi.ModelChangeBuildExtension;
import dev.modelchange.cdi.ObserverSpecParam;
import dev.modelchange.tck.broken.Broken;
import dev.modelchange.tck.delivery.Book;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.util.AnnotationLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TCK's broken observers whose filter is invalid ({@code MODELCHANGE-012}, {@code -014}) or whose model cannot
 * be mapped ({@code -013}): the build knows the model only by name and leaves these checks to the start, where
 * {@link ModelChangeBuildExtension.Creator} runs them with the portable extension's code and fails, naming each
 * ({@code MODELCHANGE-016}). So does a model the codecs cannot build ({@code -013}), when the application brings
 * neither a {@code CodecRegistry} nor a {@code MongoClient} bean; otherwise the engine's start checks it with them.
 * Here the creator gets what the build would hand it, without a container (a QuarkusUnitTest of a failing start
 * trips over class loading in this multi-module workspace).
 */
class StartupBrokenObserversTest {
  private static final String BROKEN = Broken.class.getName() + "$";

  @Test
  void theStartFailsNamingEachObserverWhoseFilterOrModelIsBroken() {
    Parameters build = parameters(
        new String[] {BROKEN + "BadJsonObserver#onChange(dev.modelchange.ChangeEvent)",
            BROKEN + "UnsupportedFilterObserver#onChange(dev.modelchange.ChangeEvent)",
            BROKEN + "UnmappableModelObserver#onChange(dev.modelchange.ChangeEvent)",
            BROKEN + "Fine#onChange(dev.modelchange.ChangeEvent)"},
        new String[] {BROKEN + "BadJsonObserver.onChange(ChangeEvent)",
            BROKEN + "UnsupportedFilterObserver.onChange(ChangeEvent)",
            BROKEN + "UnmappableModelObserver.onChange(ChangeEvent)", BROKEN + "Fine.onChange(ChangeEvent)"},
        new Class<?>[] {Book.class, Book.class, String.class, Book.class},
        new String[] {"{published: ", "{\"$where\": \"this.a > 1\"}", "", "{\"published\": true}"});

    assertThatThrownBy(() -> new ModelChangeBuildExtension.Creator().create(beans(), build))
        .isInstanceOf(DeploymentException.class)
        .hasMessageStartingWith("MODELCHANGE-016 ModelChange cannot start: 3 observers are broken")
        .satisfies(e -> {
          for (Broken.Case c : Broken.CASES) {
            if (List.of("MODELCHANGE-012", "MODELCHANGE-013", "MODELCHANGE-014").contains(c.code())) {
              assertThat(e.getMessage()).as(c.toString()).contains(c.code() + " Observer " + BROKEN + c.method())
                  .contains(c.cause());
            }
          }
        })
        .message().doesNotContain("Fine");
  }

  @Test
  void validObserversBecomeDescriptors() {
    DiscoveredObservers discovered = new ModelChangeBuildExtension.Creator().create(beans(), parameters(
        new String[] {"a#onBook(dev.modelchange.ChangeEvent)"}, new String[] {"a.onBook(ChangeEvent)"},
        new Class<?>[] {Book.class}, new String[] {"{\"published\": true}"}));

    assertThat(discovered.observers()).singleElement().satisfies(o -> {
      assertThat(o.route()).isEqualTo("a#onBook(dev.modelchange.ChangeEvent)");
      assertThat(o.modelType()).isEqualTo(Book.class);
      assertThat(o.filterJson()).isEqualTo("{\"published\": true}");
      assertThat(o.operations()).contains(com.mongodb.client.model.changestream.OperationType.INSERT,
          com.mongodb.client.model.changestream.OperationType.UPDATE);
      assertThat(o.priority()).isEqualTo(2500);
    });
  }

  @Test
  void withTheDefaultCodecsTheStartFailsNamingEachObserverOfAModelTheyCannotBuild() {
    Parameters build = parameters(
        new String[] {BROKEN + "NoConstructorModelObserver#onChange(dev.modelchange.ChangeEvent)",
            BROKEN + "Fine#onChange(dev.modelchange.ChangeEvent)"},
        new String[] {BROKEN + "NoConstructorModelObserver.onChange(ChangeEvent)", BROKEN + "Fine.onChange(ChangeEvent)"},
        new Class<?>[] {Broken.NoConstructorModel.class, Book.class}, new String[] {"", ""});

    assertThatThrownBy(() -> new ModelChangeBuildExtension.Creator().create(beans(), build))
        .isInstanceOf(DeploymentException.class)
        .hasMessageStartingWith("MODELCHANGE-016 ModelChange cannot start: 1 observer is broken")
        .satisfies(e -> {
          for (Broken.Case c : Broken.UNDECODABLE) {
            assertThat(e.getMessage()).as(c.toString()).contains(c.code() + " Observer " + BROKEN + c.method())
                .contains(c.cause()).contains("add a public no-argument constructor");
          }
        })
        .message().doesNotContain("Fine");
  }

  @Test
  void withTheApplicationsClientTheCodecsAreCheckedWhenTheEngineStarts() {
    DiscoveredObservers discovered = new ModelChangeBuildExtension.Creator().create(beans(MongoClient.class),
        parameters(new String[] {BROKEN + "NoConstructorModelObserver#onChange(dev.modelchange.ChangeEvent)"},
            new String[] {BROKEN + "NoConstructorModelObserver.onChange(ChangeEvent)"},
            new Class<?>[] {Broken.NoConstructorModel.class}, new String[] {""}));

    assertThat(discovered.observers()).singleElement()
        .satisfies(o -> assertThat(o.modelType()).isEqualTo(Broken.NoConstructorModel.class));
  }

  /** The container's lookup, with beans of these types only. */
  @SuppressWarnings("unchecked")
  private static Instance<Object> beans(Class<?>... types) {
    return (Instance<Object>) Proxy.newProxyInstance(Instance.class.getClassLoader(), new Class<?>[] {Instance.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "select" -> args.length > 0 && args[0] instanceof Class<?> type && !List.of(types).contains(type)
              ? beans() : proxy;
          case "isUnsatisfied" -> types.length == 0;
          case "isResolvable" -> types.length == 1;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  /** The parameters the build gives the creator: these observers, with all operations, default mode, sync. */
  private static Parameters parameters(String[] routes, String[] methods, Class<?>[] models, String[] filters) {
    Annotation[] observers = new Annotation[routes.length];
    for (int i = 0; i < routes.length; i++) {
      String beanClass = routes[i].substring(0, routes[i].indexOf('#'));
      String methodName = methods[i].substring(beanClass.length() + 1, methods[i].indexOf('('));
      observers[i] = new Param(beanClass, methodName, ModelChange.Literal.of(models[i], new OperationType[0],
          filters[i], FullDocument.DEFAULT));
    }
    Map<String, Object> values = Map.of("observers", observers);
    return new Parameters() {
      @Override
      public <T> T get(String key, Class<T> type) {
        return type.cast(values.get(key));
      }

      @Override
      public <T> T get(String key, Class<T> type, T defaultValue) {
        return values.containsKey(key) ? get(key, type) : defaultValue;
      }
    };
  }

  /** What the build makes of an observer of {@code ChangeEvent}, sync, of priority 2500. */
  @SuppressWarnings("all")
  private static final class Param extends AnnotationLiteral<ObserverSpecParam> implements ObserverSpecParam {
    private final String beanClass;
    private final String methodName;
    private final ModelChange qualifier;

    Param(String beanClass, String methodName, ModelChange qualifier) {
      this.beanClass = beanClass;
      this.methodName = methodName;
      this.qualifier = qualifier;
    }

    @Override
    public String beanClass() {
      return beanClass;
    }

    @Override
    public String methodName() {
      return methodName;
    }

    @Override
    public String[] parameterTypes() {
      return new String[] {"dev.modelchange.ChangeEvent"};
    }

    @Override
    public String[] simpleParameterTypes() {
      return new String[] {"ChangeEvent"};
    }

    @Override
    public ModelChange qualifier() {
      return qualifier;
    }

    @Override
    public boolean async() {
      return false;
    }

    @Override
    public int priority() {
      return 2500;
    }
  }
}
