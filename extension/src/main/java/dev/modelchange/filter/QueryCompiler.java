package dev.modelchange.filter;

import dev.modelchange.filter.BsonOrder.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Turns a query into a predicate on documents, checking every operator's argument on the way: whatever it is
 * given, it returns a predicate or throws an {@link IllegalArgumentException} naming the operator and the path.
 * The query must already be within {@link DocumentFilter#MAX_DEPTH}: compiling recurses along its nesting.
 */
final class QueryCompiler {
  private QueryCompiler() {}

  static Predicate<BsonDocument> compile(BsonDocument query) {
    List<Predicate<BsonDocument>> parts = new ArrayList<>(query.size());
    for (Map.Entry<String, BsonValue> e : query.entrySet()) {
      String key = e.getKey();
      switch (key) {
        case "$and" -> parts.add(all(subQueries(key, e.getValue())));
        case "$or" -> parts.add(any(subQueries(key, e.getValue())));
        case "$nor" -> parts.add(any(subQueries(key, e.getValue())).negate());
        default -> {
          if (key.startsWith("$")) {
            throw FilterMessages.unsupportedOperator(key, "");
          }
          parts.add(field(key, e.getValue()));
        }
      }
    }
    return all(parts);
  }

  private static List<Predicate<BsonDocument>> subQueries(String operator, BsonValue value) {
    if (!value.isArray() || value.asArray().isEmpty()) {
      throw FilterMessages.logicalNeedsQueries(operator, "", value);
    }
    List<Predicate<BsonDocument>> list = new ArrayList<>(value.asArray().size());
    for (BsonValue v : value.asArray()) {
      if (!v.isDocument()) {
        throw FilterMessages.logicalNeedsQueries(operator, "", v);
      }
      list.add(compile(v.asDocument()));
    }
    return list;
  }

  /** {@code path: condition}: an operator document, a regular expression, or a value to equal. */
  private static Predicate<BsonDocument> field(String dotted, BsonValue condition) {
    int components = FieldPath.length(dotted);
    if (components > DocumentFilter.MAX_DEPTH) {
      throw FilterMessages.pathTooLong(dotted, components, DocumentFilter.MAX_DEPTH);
    }
    FieldPath path = new FieldPath(dotted);
    if (condition.isDocument() && isOperatorDocument(condition.asDocument())) {
      return operators(path, condition.asDocument());
    }
    if (condition.getBsonType() == BsonType.REGULAR_EXPRESSION) {
      return at(path, regex("$regex", path, condition, "")::matches);
    }
    return at(path, equalTo("$eq", path, condition));
  }

  /** MongoDB takes a document whose first field starts with {@code $} as operators. */
  private static boolean isOperatorDocument(BsonDocument d) {
    return !d.isEmpty() && d.getFirstKey().startsWith("$");
  }

  private static Predicate<BsonDocument> operators(FieldPath path, BsonDocument ops) {
    List<Predicate<BsonDocument>> parts = new ArrayList<>(ops.size());
    for (Map.Entry<String, BsonValue> e : ops.entrySet()) {
      String op = e.getKey();
      BsonValue arg = e.getValue();
      switch (op) {
        case "$eq" -> parts.add(at(path, equalTo(op, path, arg)));
        case "$ne" -> parts.add(at(path, equalTo(op, path, arg)).negate());
        case "$gt", "$gte", "$lt", "$lte" -> parts.add(at(path, comparison(op, path, arg)));
        case "$in" -> parts.add(at(path, in(op, path, arg)));
        case "$nin" -> parts.add(at(path, in(op, path, arg)).negate());
        case "$exists" -> {
          Predicate<BsonDocument> exists = at(path, v -> v != null);
          parts.add(existsWanted(path, arg) ? exists : exists.negate());
        }
        case "$regex" -> parts.add(at(path, regexOf(path, ops)::matches));
        case "$options" -> {
          if (!ops.containsKey("$regex")) {
            throw FilterMessages.optionsWithoutRegex(path.dotted());
          }
          // applied with $regex
        }
        case "$not" -> parts.add(not(path, arg).negate());
        default -> {
          if (!op.startsWith("$")) {
            throw FilterMessages.fieldBesideOperators(path.dotted(), op);
          }
          throw FilterMessages.unsupportedOperator(op, path.dotted());
        }
      }
    }
    return all(parts);
  }

  /** What {@code $not} negates: an operator document or a regular expression. */
  private static Predicate<BsonDocument> not(FieldPath path, BsonValue arg) {
    if (arg.isDocument() && isOperatorDocument(arg.asDocument())) {
      return operators(path, arg.asDocument());
    }
    if (arg.getBsonType() == BsonType.REGULAR_EXPRESSION) {
      return at(path, regex("$not", path, arg, "")::matches);
    }
    throw FilterMessages.wrongArgument("$not", path.dotted(),
        "an operator document such as {\"$gt\": 5} or a regular expression", arg);
  }

  /** Whether any value at the path passes the test, which sees {@code null} for a missing value. */
  private static Predicate<BsonDocument> at(FieldPath path, Predicate<BsonValue> test) {
    return doc -> path.anyMatch(doc, test);
  }

  private static Predicate<BsonValue> equalTo(String op, FieldPath path, BsonValue wanted) {
    requireComparable(op, path, wanted);
    return v -> BsonOrder.satisfies(Comparison.EQ, v, wanted);
  }

  private static Predicate<BsonValue> comparison(String op, FieldPath path, BsonValue bound) {
    requireComparable(op, path, bound);
    Comparison c = switch (op) {
      case "$gt" -> Comparison.GT;
      case "$gte" -> Comparison.GTE;
      case "$lt" -> Comparison.LT;
      default -> Comparison.LTE;
    };
    return v -> BsonOrder.satisfies(c, v, bound);
  }

  private static void requireComparable(String op, FieldPath path, BsonValue value) {
    if (value.getBsonType() == BsonType.UNDEFINED) {
      throw FilterMessages.wrongArgument(op, path.dotted(), "a value other than undefined (deprecated; MongoDB "
          + "cannot compare to it either)", value);
    }
  }

  private static Predicate<BsonValue> in(String op, FieldPath path, BsonValue arg) {
    if (!arg.isArray()) {
      throw FilterMessages.wrongArgument(op, path.dotted(), "an array of values", arg);
    }
    BsonArray values = arg.asArray();
    List<BsonValue> equal = new ArrayList<>(values.size());
    List<LinearRegex> regexes = new ArrayList<>();
    boolean hasNull = false;
    for (BsonValue v : values) {
      if (v.isDocument() && isOperatorDocument(v.asDocument())) {
        throw FilterMessages.operatorInsideIn(op, path.dotted(), v.asDocument().getFirstKey());
      }
      requireComparable(op, path, v);
      if (v.getBsonType() == BsonType.REGULAR_EXPRESSION) {
        regexes.add(regex(op, path, v, ""));
      } else {
        hasNull |= v.isNull();
        equal.add(v);
      }
    }
    boolean matchesMissing = hasNull;
    // MongoDB's InMatchExpression: null in the list also matches a missing (or undefined) value
    return v -> {
      if (v == null || v.getBsonType() == BsonType.UNDEFINED) {
        return matchesMissing;
      }
      for (BsonValue e : equal) {
        if (BsonOrder.equal(v, e)) {
          return true;
        }
      }
      for (LinearRegex r : regexes) {
        if (r.matches(v)) {
          return true;
        }
      }
      return false;
    };
  }

  /** {@code $exists}: true or false, or a number (0 is false) as MongoDB reads it; NaN has no truth. */
  private static boolean existsWanted(FieldPath path, BsonValue arg) {
    if (arg.isBoolean()) {
      return arg.asBoolean().getValue();
    }
    if (BsonOrder.isNumber(arg)) {
      if (BsonOrder.isNaN(arg)) {
        throw FilterMessages.wrongArgument("$exists", path.dotted(), "true or false (or a number other than NaN)",
            arg);
      }
      return !BsonOrder.isZero(arg);
    }
    throw FilterMessages.wrongArgument("$exists", path.dotted(), "true or false", arg);
  }

  /** {@code $regex} with its {@code $options}, from the operator document that holds both. */
  private static LinearRegex regexOf(FieldPath path, BsonDocument ops) {
    BsonValue options = ops.get("$options");
    if (options != null && !options.isString()) {
      throw FilterMessages.wrongArgument("$options", path.dotted(), "a string of options such as \"i\"", options);
    }
    BsonValue regex = ops.get("$regex");
    if (regex.getBsonType() == BsonType.REGULAR_EXPRESSION) {
      if (options != null && !regex.asRegularExpression().getOptions().isEmpty()) {
        throw FilterMessages.optionsTwice(path.dotted());
      }
      return regex("$regex", path, regex, options == null ? "" : options.asString().getValue());
    }
    if (!regex.isString()) {
      throw FilterMessages.wrongArgument("$regex", path.dotted(), "a string or a regular expression", regex);
    }
    return LinearRegex.compile(regex.asString().getValue(), options == null ? "" : options.asString().getValue(),
        "$regex", path.dotted());
  }

  private static LinearRegex regex(String op, FieldPath path, BsonValue regex, String extraOptions) {
    return LinearRegex.compile(regex.asRegularExpression().getPattern(),
        regex.asRegularExpression().getOptions() + extraOptions, op, path.dotted());
  }

  private static Predicate<BsonDocument> all(List<Predicate<BsonDocument>> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return doc -> {
      for (Predicate<BsonDocument> p : parts) {
        if (!p.test(doc)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<BsonDocument> any(List<Predicate<BsonDocument>> parts) {
    return doc -> {
      for (Predicate<BsonDocument> p : parts) {
        if (p.test(doc)) {
          return true;
        }
      }
      return false;
    };
  }
}
