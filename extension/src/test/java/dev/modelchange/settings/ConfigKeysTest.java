package dev.modelchange.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The constants the library uses are the keys of the table: one constant per row, one row per constant. */
class ConfigKeysTest {

  private static Map<String, Object> staticFields(Class<?> type, Class<?> fieldType) {
    return Arrays.stream(type.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == fieldType)
        .collect(Collectors.toMap(Field::getName, f -> {
          try {
            f.setAccessible(true);
            return f.get(null);
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }));
  }

  private static Map<String, String> rowKeysByName() {
    return staticFields(SettingsTable.class, Setting.class).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Setting<?>) e.getValue()).key()));
  }

  @Test
  void everyConstantIsTheKeyOfTheRowOfTheSameName() {
    Map<String, Object> constants = staticFields(ConfigKeys.class, String.class);
    constants.remove("PREFIX");

    assertThat(constants).isEqualTo(rowKeysByName().entrySet().stream()
        .filter(e -> !e.getValue().contains(Setting.CLASS_PLACEHOLDER))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  @Test
  void theKeysOfAModelFollowTheirRows() {
    assertThat(ConfigKeys.modelCollection("com.acme.Book")).isEqualTo("modelchange.model.\"com.acme.Book\".collection");
    assertThat(ConfigKeys.modelDatabase("com.acme.Book")).isEqualTo("modelchange.model.\"com.acme.Book\".database");
  }

  @Test
  void everyRowDeclaredIsInTheTableOnce() {
    List<String> declared = Arrays.stream(SettingsTable.class.getDeclaredFields())
        .filter(f -> f.getType() == Setting.class)
        .map(Field::getName)
        .collect(Collectors.toList());
    Map<String, String> keys = rowKeysByName();

    assertThat(SettingsTable.all()).extracting(Setting::key)
        .containsExactlyInAnyOrderElementsOf(declared.stream().map(keys::get).collect(Collectors.toList()))
        .doesNotHaveDuplicates();
  }

  @Test
  void everyKeyIsKebabCaseUnderTheOneRoot() {
    assertThat(SettingsTable.all()).extracting(Setting::key).allSatisfy(key -> assertThat(key)
        .startsWith(ConfigKeys.PREFIX)
        .matches("modelchange(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*|\\.\"<class>\")+"));
  }

  @Test
  void everyLiteralDefaultIsAcceptedByItsOwnKey() throws Exception {
    for (Setting<?> row : SettingsTable.all()) {
      if (row.defaultLiteral().isPresent()) {
        assertThat((Object) row.parse(row.defaultLiteral().get())).as(row.key()).isEqualTo(row.defaultValue());
      }
    }
  }
}
