package dev.modelchange.cdi;

import dev.modelchange.Delivery;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.engine.ModelNamespaces;
import dev.modelchange.engine.ObserverDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * The one check of {@code ChangeEvent} observers, for the portable and the build-compatible extension alike. It
 * checks an {@link ObserverSpec} in three steps, because not every step can run everywhere; each finds coded
 * {@link ObserverProblem}s, worded by {@link CdiMessages}:
 *
 * <ol>
 *   <li>{@link #declarationProblems}: the observed type against the qualifier, names only ({@code MODELCHANGE-010},
 *       {@code -011}, {@code -017}, {@code -018}). Runs at boot on Weld and at build time on CDI Lite.</li>
 *   <li>{@link #modelProblems}: the qualifier's members, with the model's {@code Class} and the engine: the model
 *       can be mapped to a collection ({@code -013}), the filter is JSON ({@code -012}) that the engine can evaluate
 *       ({@code -014}). Runs at boot on Weld and when the application starts on CDI Lite, where the build knows
 *       classes only by name.</li>
 *   <li>{@link #decodingProblems}: the codecs can decode the model ({@code -013}). Needs the codec registry, which
 *       is known at boot only when the application brings neither a {@code CodecRegistry} nor a
 *       {@code MongoClient} bean, so it runs then, and always when the engine starts.</li>
 * </ol>
 *
 * <p>{@link #declarationProblems} uses no class of the MongoDB driver nor of the engine, and this class neither
 * catches nor converts their types, so that the build-compatible extension can run it at build time.
 */
final class ObserverValidator {
  private ObserverValidator() {}

  /** The problems of the observed type and qualifier: a {@code ChangeEvent<M>} with {@code @ModelChange(M.class)}. */
  static List<ObserverProblem> declarationProblems(ObserverSpec spec) {
    String method = spec.method();
    ObserverSpec.Qualifier qualifier = spec.qualifier();
    if (qualifier == null) {
      return List.of(new ObserverProblem(10, CdiMessages.unqualified(method)));
    }
    String model = qualifier.modelSimpleName();
    ObserverSpec.TypeArgument argument = spec.typeArgument();
    if (argument == null) {
      return List.of(new ObserverProblem(11, CdiMessages.rawType(method, model)));
    }
    if (!argument.isClass()) {
      return List.of(new ObserverProblem(17,
          CdiMessages.typeArgumentNotAClass(method, "ChangeEvent<" + argument.typeName() + ">", model)));
    }
    if (!argument.className().equals(qualifier.model())) {
      return List.of(new ObserverProblem(18, CdiMessages.typeArgumentMismatch(method, argument.simpleName(), model)));
    }
    return List.of();
  }

  /**
   * The problems of the qualifier's members: the model and the filter.
   *
   * @param model the class {@link ObserverSpec.Qualifier#model()} names
   */
  static List<ObserverProblem> modelProblems(ObserverSpec spec, Class<?> model) {
    List<ObserverProblem> problems = new ArrayList<>();
    ModelNamespaces.whyNotMappable(model)
        .ifPresent(why -> problems.add(new ObserverProblem(13, CdiMessages.unusableModel(spec.method(), why))));
    String filter = spec.qualifier().filter();
    Optional<String> notJson = ObserverDescriptor.whyNotJson(filter);
    if (notJson.isPresent()) {
      problems.add(new ObserverProblem(12, CdiMessages.filterNotJson(spec.method(), filter, notJson.get())));
    } else {
      ObserverDescriptor.whyNotEvaluable(filter).ifPresent(why -> problems.add(
          new ObserverProblem(14, CdiMessages.filterNotEvaluable(spec.method(), filter, why))));
    }
    return problems;
  }

  /** The declaration's problems, else the members': all that can be checked before the codecs are known. */
  static List<ObserverProblem> problems(ObserverSpec spec, Class<?> model) {
    List<ObserverProblem> declaration = declarationProblems(spec);
    return declaration.isEmpty() ? modelProblems(spec, model) : declaration;
  }

  /** The problem of decoding a described observer's model with {@code codecs}; empty when they can. */
  static Optional<ObserverProblem> decodingProblem(ObserverDescriptor observer, CodecRegistry codecs) {
    return ModelNamespaces.whyNotDecodable(observer.modelType(), codecs)
        .map(why -> new ObserverProblem(13, CdiMessages.unusableModel(observer.method(), why)));
  }

  /** The problems of decoding each observer's model with {@code codecs}. */
  static List<ObserverProblem> decodingProblems(List<ObserverDescriptor> observers, CodecRegistry codecs) {
    List<ObserverProblem> problems = new ArrayList<>();
    observers.forEach(o -> decodingProblem(o, codecs).ifPresent(problems::add));
    return problems;
  }

  /** Describes an observer without {@link #problems}. */
  static ObserverDescriptor descriptor(ObserverSpec spec, Class<?> model) {
    ObserverSpec.Qualifier qualifier = spec.qualifier();
    List<OperationType> operations = new ArrayList<>();
    qualifier.operations().forEach(name -> operations.add(OperationType.valueOf(name)));
    return ObserverDescriptor.of(spec.route(), spec.method(), model, operations, qualifier.filter(),
        FullDocument.valueOf(qualifier.fullDocument()), spec.async(), spec.priority(),
        Delivery.valueOf(qualifier.delivery()));
  }
}
