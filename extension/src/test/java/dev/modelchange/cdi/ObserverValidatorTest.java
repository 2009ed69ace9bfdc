package dev.modelchange.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each problem the validator finds, with its code, the observer it names and its cause; and a sound observer. */
class ObserverValidatorTest {
  public static class Book {
    public String title;
  }

  public static class Order {
    public String number;
  }

  /** One observer per problem, read by reflection as the portable extension reads them. */
  @SuppressWarnings({"rawtypes", "unused"})
  static class Observers {
    void unqualified(@Observes ChangeEvent<Book> e) {}

    void raw(@Observes @ModelChange(Book.class) ChangeEvent e) {}

    void wildcard(@Observes @ModelChange(Book.class) ChangeEvent<?> e) {}

    <T> void typeVariable(@Observes @ModelChange(Book.class) ChangeEvent<T> e) {}

    void parameterized(@Observes @ModelChange(Book.class) ChangeEvent<List<Book>> e) {}

    void mismatch(@Observes @ModelChange(Book.class) ChangeEvent<Order> e) {}

    void badJson(@Observes @ModelChange(value = Book.class, filter = "{published: ") ChangeEvent<Book> e) {}

    void unsupportedFilter(@Observes @ModelChange(value = Book.class, filter = "{\"$where\": \"this.a > 1\"}")
        ChangeEvent<Book> e) {}

    void jdkModel(@Observes @ModelChange(String.class) ChangeEvent<String> e) {}

    void arrayModel(@Observes @ModelChange(Book[].class) ChangeEvent<Book[]> e) {}

    void sound(@Observes @ModelChange(value = Book.class, filter = "{\"title\": \"Emma\"}") ChangeEvent<Book> e) {}
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of("unqualified", 10, "observes ChangeEvent without @ModelChange"),
        Arguments.of("raw", 11, "observes the raw type ChangeEvent; declare ChangeEvent<Book>"),
        Arguments.of("wildcard", 17, "observes ChangeEvent<?>; declare ChangeEvent<Book> (no wildcard"),
        Arguments.of("typeVariable", 17, "observes ChangeEvent<T>;"),
        Arguments.of("parameterized", 17, "observes ChangeEvent<java.util.List<" + Book.class.getName() + ">>;"),
        Arguments.of("mismatch", 18, "observes ChangeEvent<Order> but its qualifier is @ModelChange(Book.class)"),
        Arguments.of("badJson", 12, "declares filter \"{published: \" which is not valid JSON"),
        Arguments.of("unsupportedFilter", 14, "$where is not supported"),
        Arguments.of("jdkModel", 13, "java.lang.String is a JDK type"),
        Arguments.of("arrayModel", 13, "[L" + Book.class.getName() + "; is not a document class"));
  }

  @ParameterizedTest(name = "{0}: MODELCHANGE-0{1}")
  @MethodSource("problems")
  void eachProblemHasItsCodeAndNamesTheObserverAndTheCause(String method, int code, String cause) {
    ObserverSpec spec = spec(method);

    List<ObserverProblem> problems = ObserverValidator.problems(spec, modelOf(method));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(code);
      assertThat(p.message()).startsWith(String.format("MODELCHANGE-%03d Observer %s.%s(ChangeEvent)", code,
          Observers.class.getName(), method)).contains(cause);
    });
  }

  @Test
  void aSoundObserverHasNoProblemAndBecomesADescriptor() {
    ObserverSpec spec = spec("sound");

    assertThat(ObserverValidator.problems(spec, Book.class)).isEmpty();
    assertThat(ObserverValidator.descriptor(spec, Book.class)).satisfies(d -> {
      assertThat(d.route()).isEqualTo(Observers.class.getName() + "#sound(dev.modelchange.ChangeEvent)");
      assertThat(d.method()).isEqualTo(Observers.class.getName() + ".sound(ChangeEvent)");
      assertThat(d.modelType()).isEqualTo(Book.class);
      assertThat(d.filterJson()).isEqualTo("{\"title\": \"Emma\"}");
    });
  }

  @Test
  void theDeclarationIsCheckedBeforeTheModel() {
    // a raw type and a bad filter: the declaration's problem only, as the build reports it before the start
    assertThat(ObserverValidator.declarationProblems(spec("raw"))).extracting(ObserverProblem::code)
        .containsExactly(11);
    assertThat(ObserverValidator.declarationProblems(spec("badJson"))).isEmpty();
  }

  public static class Sealed {
    private final String title;

    public Sealed(String title) {
      this.title = title;
    }

    public String getTitle() {
      return title;
    }
  }

  @SuppressWarnings("unused")
  static class ModelObservers {
    void sealed(@Observes @ModelChange(Sealed.class) ChangeEvent<Sealed> e) {}
  }

  @Test
  void aModelTheCodecsCannotCreateIsReportedForEachOfItsObservers() {
    Method m = Arrays.stream(ModelObservers.class.getDeclaredMethods()).filter(d -> d.getName().equals("sealed"))
        .findFirst().orElseThrow();
    ObserverSpec spec = ReflectionObserverReader.read(ModelObservers.class, m, m.getGenericParameterTypes()[0],
        qualifier(m), false, 1000);
    assertThat(ObserverValidator.problems(spec, Sealed.class)).isEmpty();

    List<ObserverProblem> problems = ObserverValidator.decodingProblems(
        List.of(ObserverValidator.descriptor(spec, Sealed.class), ObserverValidator.descriptor(spec("sound"),
            Book.class)), ApplicationCodecs.defaults());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(13);
      assertThat(p.message()).startsWith("MODELCHANGE-013 Observer " + ModelObservers.class.getName()
          + ".sealed(ChangeEvent) observes a model that ModelChange cannot use: " + Sealed.class.getName()
          + " has neither a public no-argument constructor nor a @BsonCreator");
    });
  }

  static ObserverSpec spec(String name) {
    Method m = method(name);
    return ReflectionObserverReader.read(Observers.class, m, m.getGenericParameterTypes()[0], qualifier(m), false,
        1000);
  }

  private static Class<?> modelOf(String name) {
    ModelChange qualifier = qualifier(method(name));
    return qualifier == null ? null : qualifier.value();
  }

  private static ModelChange qualifier(Method m) {
    return m.getParameters()[0].getAnnotation(ModelChange.class);
  }

  private static Method method(String name) {
    return Arrays.stream(Observers.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow();
  }
}
