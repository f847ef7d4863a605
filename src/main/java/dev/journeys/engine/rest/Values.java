package dev.journeys.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.DateTimeException;

/** Filter operands as SQL parameters of the property's kind, and Camunda's like patterns as SQL's. */
final class Values {

  private Values() {}

  static Object of(Field field, JsonNode value, String path) {
    return switch (field.kind()) {
      case STRING -> text(value, path);
      case ENUM -> member(field, value, path);
      case KEY -> key(value, path);
      case INT -> integer(value, path);
      case DATE -> date(value, path);
      case BOOLEAN -> bool(value, path);
      case VARIABLES -> throw new IllegalStateException("Expected a single-valued property at " + path);
    };
  }

  static String text(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw Problem.badRequest("Expected %s to be a string, but got %s", path, value);
    }
    return value.textValue();
  }

  static boolean bool(JsonNode value, String path) {
    if (!value.isBoolean()) {
      throw Problem.badRequest("Expected %s to be true or false, but got %s", path, value);
    }
    return value.booleanValue();
  }

  private static String member(Field field, JsonNode value, String path) {
    String text = text(value, path);
    if (!field.values().contains(text)) {
      throw Problem.badRequest("Expected %s to be one of %s, but got '%s'", path, field.values(), text);
    }
    return text;
  }

  /** Keys are strings in Camunda's API (JavaScript cannot hold them as numbers); numbers are taken too. */
  private static long key(JsonNode value, String path) {
    if (value.canConvertToLong() && value.isIntegralNumber()) {
      return value.longValue();
    }
    try {
      return Long.parseLong(text(value, path));
    } catch (NumberFormatException e) {
      throw Problem.badRequest("Expected %s to be a key (a number in a string), but got %s", path, value);
    }
  }

  private static int integer(JsonNode value, String path) {
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw Problem.badRequest("Expected %s to be an integer, but got %s", path, value);
    }
    return value.intValue();
  }

  /** Dates are ISO-8601 date-times with an offset; the engine stores epoch milliseconds. */
  private static long date(JsonNode value, String path) {
    String text = text(value, path);
    try {
      return Instant.from(DateTimeFormatter.ISO_DATE_TIME.parse(text)).toEpochMilli();
    } catch (DateTimeException e) {
      throw Problem.badRequest("Expected %s to be an ISO-8601 date-time with an offset, but got '%s'", path, text);
    }
  }

  /** Camunda's like: {@code *} any run, {@code ?} one character, backslash escapes them; SQL's wildcards are literal. */
  static String like(String pattern) {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        literal(sql, pattern.charAt(++i));
      } else if (c == '*') {
        sql.append('%');
      } else if (c == '?') {
        sql.append('_');
      } else {
        literal(sql, c);
      }
    }
    return sql.toString();
  }

  private static void literal(StringBuilder sql, char c) {
    if (c == '%' || c == '_' || c == '\\') {
      sql.append('\\');
    }
    sql.append(c);
  }
}
