package dev.journeys.engine.rest;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A filter property the REST API supports: its name in Camunda's API, what kind of value it takes and
 * the SQL it filters on (a column, or for booleans a predicate).
 *
 * @param values the allowed values of an enum property; empty for the others
 */
record Field(String name, Kind kind, String sql, Set<String> values) {

  /** The kinds of Camunda filter property, each with the operators Camunda 8.8 allows on it. */
  enum Kind {
    STRING("$eq", "$neq", "$in", "$notIn", "$exists", "$like"),
    ENUM("$eq", "$neq", "$in", "$notIn", "$exists", "$like"),
    KEY("$eq", "$neq", "$in", "$notIn", "$exists"),
    INT("$eq", "$neq", "$in", "$notIn", "$exists", "$gt", "$gte", "$lt", "$lte"),
    DATE("$eq", "$neq", "$in", "$exists", "$gt", "$gte", "$lt", "$lte"),
    BOOLEAN("$eq"),
    VARIABLES();

    private final List<String> operators;

    Kind(String... operators) {
      this.operators = List.of(operators);
    }

    List<String> operators() {
      return operators;
    }
  }

  static Field string(String name, String column) {
    return new Field(name, Kind.STRING, column, Set.of());
  }

  static Field key(String name, String column) {
    return new Field(name, Kind.KEY, column, Set.of());
  }

  static Field integer(String name, String column) {
    return new Field(name, Kind.INT, column, Set.of());
  }

  static Field date(String name, String column) {
    return new Field(name, Kind.DATE, column, Set.of());
  }

  static Field oneOf(String name, String column, Collection<String> values) {
    return new Field(name, Kind.ENUM, column, Set.copyOf(values));
  }

  /** A boolean property: true keeps rows where the predicate holds, false the others. */
  static Field predicate(String name, String predicate) {
    return new Field(name, Kind.BOOLEAN, predicate, Set.of());
  }

  /** Camunda's {@code variables: [{name, value}]}, matched on the variables of the scope in this column. */
  static Field variables(String name, String scopeColumn) {
    return new Field(name, Kind.VARIABLES, scopeColumn, Set.of());
  }

  /** Generated enums carry a catch-all constant for unknown values; it is no value a client may send. */
  static <E extends Enum<E>> List<String> valuesOf(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(Object::toString)
        .filter(value -> !"unknown_default_open_api".equals(value))
        .toList();
  }

  static Map<String, Field> byName(Field... fields) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field field : fields) {
      byName.put(field.name(), field);
    }
    return byName;
  }
}
