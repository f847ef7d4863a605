package dev.journeys.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Turns a Camunda search filter into SQL. Each property may be a plain value or an operator object
 * ({@code {"$eq": …}}, {@code {"$in": […]}}, …); the Java client sends empty lists and omits nulls for
 * what it does not set, so empty values count as absent. A property the engine does not support is a
 * 400 naming it, never ignored: a dashboard must not show everything when it asked for a subset.
 */
final class Filters {

  private Filters() {}

  static Where read(JsonNode filter, Map<String, Field> fields) {
    Where where = new Where();
    if (absent(filter)) {
      return where;
    }
    if (!filter.isObject()) {
      throw Problem.badRequest("Expected 'filter' to be an object, but it is %s", filter.getNodeType());
    }
    for (Map.Entry<String, JsonNode> property : filter.properties()) {
      if (absent(property.getValue())) {
        continue;
      }
      Field field = fields.get(property.getKey());
      if (field == null) {
        throw Problem.badRequest(
            "Expected filter properties the embedded engine supports (%s), but got unsupported property 'filter.%s'",
            String.join(", ", fields.keySet()), property.getKey());
      }
      apply(field, field.sql(), property.getValue(), where, "filter." + field.name());
    }
    return where;
  }

  /** Null, an empty list, or an operator object whose operators are all absent. */
  static boolean absent(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return true;
    }
    if (node.isArray()) {
      return node.isEmpty();
    }
    if (node.isObject()) {
      for (JsonNode value : node) {
        if (!absent(value)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static void apply(Field field, String column, JsonNode value, Where where, String path) {
    switch (field.kind()) {
      case BOOLEAN -> where.add(Values.bool(bareValue(value, path), path) ? column : "NOT (" + column + ")");
      case VARIABLES -> variables(column, value, where, path);
      default -> {
        if (value.isObject()) {
          value.properties().stream()
              .filter(operator -> !absent(operator.getValue()))
              .forEach(operator -> operator(field, column, operator.getKey(), operator.getValue(), where, path));
        } else {
          where.add(column + " = ?", Values.of(field, value, path));
        }
      }
    }
  }

  /** A boolean property is a plain value; {@code {"$eq": true}} is taken as the same. */
  private static JsonNode bareValue(JsonNode value, String path) {
    if (!value.isObject()) {
      return value;
    }
    if (value.size() != 1 || !value.has("$eq")) {
      throw Problem.badRequest("Expected %s to be true or false, but got %s", path, value);
    }
    return value.get("$eq");
  }

  private static void operator(Field field, String column, String operator, JsonNode operand, Where where, String path) {
    if (!field.kind().operators().contains(operator)) {
      throw Problem.badRequest("Expected one of the operators %s on %s, but got '%s'",
          field.kind().operators(), path, operator);
    }
    String at = path + "." + operator;
    switch (operator) {
      case "$eq" -> where.add(column + " = ?", Values.of(field, operand, at));
      case "$neq" -> where.add("(" + column + " IS NULL OR " + column + " <> ?)", Values.of(field, operand, at));
      case "$in" -> where.addAll(column + " IN (" + marks(operand, at) + ")", list(field, operand, at));
      case "$notIn" -> where.addAll(
          "(" + column + " IS NULL OR " + column + " NOT IN (" + marks(operand, at) + "))", list(field, operand, at));
      case "$exists" -> where.add(column + (Values.bool(operand, at) ? " IS NOT NULL" : " IS NULL"));
      case "$gt" -> where.add(column + " > ?", Values.of(field, operand, at));
      case "$gte" -> where.add(column + " >= ?", Values.of(field, operand, at));
      case "$lt" -> where.add(column + " < ?", Values.of(field, operand, at));
      case "$lte" -> where.add(column + " <= ?", Values.of(field, operand, at));
      case "$like" -> where.add(column + " LIKE ? ESCAPE '\\'", Values.like(Values.text(operand, at)));
      default -> throw new IllegalStateException("Expected a known operator, but got " + operator);
    }
  }

  private static String marks(JsonNode operand, String path) {
    if (!operand.isArray()) {
      throw Problem.badRequest("Expected %s to be a list, but it is %s", path, operand.getNodeType());
    }
    return String.join(", ", Collections.nCopies(operand.size(), "?"));
  }

  private static List<Object> list(Field field, JsonNode operand, String path) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < operand.size(); i++) {
      values.add(Values.of(field, operand.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  /** Each {name, value} must match a variable of the row's scope; value is compared as JSON text. */
  private static void variables(String scopeColumn, JsonNode items, Where where, String path) {
    if (!items.isArray()) {
      throw Problem.badRequest("Expected %s to be a list of {name, value}, but it is %s", path, items.getNodeType());
    }
    for (int i = 0; i < items.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode item = items.get(i);
      if (!item.isObject() || absent(item.get("name")) || absent(item.get("value"))) {
        throw Problem.badRequest("Expected %s to have a name and a value, but got %s", at, item);
      }
      Where variable = new Where();
      variable.add("fv.name = ?", Values.text(item.get("name"), at + ".name"));
      apply(Field.string("value", "fv.var_value"), "fv.var_value", item.get("value"), variable, at + ".value");
      where.addAll(scopeColumn + " IN (SELECT fv.scope_key FROM engine_variable fv WHERE "
          + variable.conditions() + ")", variable.params());
    }
  }
}
