package dev.modelchange.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A dotted path of a query ({@code author.name}, {@code editions.0.year}) and the values that MongoDB's query
 * matcher finds there. Walking down documents, an array on the way is traversed: each element that is a document
 * is searched for the rest of the path, and a component that is all digits also selects the element at that
 * position, compared as text ({@code "1"} is position 1, {@code "01"} and {@code "99999999999"} are only field
 * names). An array at the end of the path gives each element, then the array itself. Where the path leads nowhere
 * (a field that is not there, a scalar in the middle of the path) the value is <em>missing</em>, given to tests as
 * {@code null}; a path through an array gives a missing value for each element document that lacks the rest.
 * Immutable.
 */
final class FieldPath {
  private final String dotted;
  private final String[] parts;

  FieldPath(String dotted) {
    this.dotted = dotted;
    this.parts = dotted.split("\\.", -1);
  }

  /** The number of components ({@code a.b.c}: 3). */
  static int length(String dotted) {
    int n = 1;
    for (int i = 0; i < dotted.length(); i++) {
      if (dotted.charAt(i) == '.') {
        n++;
      }
    }
    return n;
  }

  /** The path as written. */
  String dotted() {
    return dotted;
  }

  /** Whether a value at this path passes {@code test}, which receives {@code null} for a missing value. */
  boolean anyMatch(BsonDocument document, Predicate<BsonValue> test) {
    return fromDocument(document, 0, test);
  }

  /** The values at this path, array elements included, without missing ones. */
  List<BsonValue> values(BsonDocument document) {
    List<BsonValue> out = new ArrayList<>(2);
    anyMatch(document, v -> {
      if (v != null) {
        out.add(v);
      }
      return false;
    });
    return out;
  }

  /** Follows documents from component {@code i} until the end of the path or an array. */
  private boolean fromDocument(BsonDocument document, int i, Predicate<BsonValue> test) {
    BsonDocument current = document;
    for (int part = i; ; part++) {
      BsonValue value = current.get(parts[part]);
      if (value == null) {
        return test.test(null);
      }
      boolean last = part == parts.length - 1;
      if (value.isArray()) {
        return last ? leafArray(value.asArray(), test) : inArray(value.asArray(), part + 1, test);
      }
      if (last) {
        return test.test(value);
      }
      if (!value.isDocument()) {
        return test.test(null); // a scalar in the middle of the path: nothing there
      }
      current = value.asDocument();
    }
  }

  private static boolean leafArray(BsonArray array, Predicate<BsonValue> test) {
    for (BsonValue element : array) {
      if (test.test(element)) {
        return true;
      }
    }
    return test.test(array);
  }

  /** An array in the middle of the path, {@code next} being the component after it. */
  private boolean inArray(BsonArray array, int next, Predicate<BsonValue> test) {
    String component = parts[next];
    boolean positional = isDigits(component);
    boolean last = next == parts.length - 1;
    for (int index = 0; index < array.size(); index++) {
      BsonValue element = array.get(index);
      if (element.isDocument() && fromDocument(element.asDocument(), next, test)) {
        return true;
      }
      if (positional && component.equals(Integer.toString(index))) {
        if (last) {
          if (test.test(element)) {
            return true;
          }
        } else if (element.isDocument()) {
          if (fromDocument(element.asDocument(), next + 1, test)) {
            return true;
          }
        } else if (element.isArray() && inArray(element.asArray(), next + 1, test)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return dotted;
  }
}
