package dev.journeys.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Camunda's {@code sort: [{field, order}]} as an ORDER BY, ending in the key so pages never overlap. */
final class Sorting {

  private Sorting() {}

  static String orderBy(JsonNode sort, Map<String, String> columns, String tieBreak) {
    List<String> terms = new ArrayList<>();
    if (!Filters.absent(sort)) {
      for (int i = 0; i < sort.size(); i++) {
        terms.add(term(sort.get(i), columns, "sort[" + i + "]"));
      }
    }
    terms.add(tieBreak);
    return String.join(", ", terms);
  }

  private static String term(JsonNode item, Map<String, String> columns, String path) {
    String field = item.path("field").asText("");
    String column = columns.get(field);
    if (column == null) {
      throw Problem.badRequest("Expected %s.field to be one the embedded engine sorts by (%s), but got '%s'",
          path, String.join(", ", columns.keySet()), field);
    }
    String order = item.path("order").asText("ASC").toUpperCase(java.util.Locale.ROOT);
    if (!order.equals("ASC") && !order.equals("DESC")) {
      throw Problem.badRequest("Expected %s.order to be ASC or DESC, but got '%s'", path, order);
    }
    // H2 and PostgreSQL disagree on where nulls go; Camunda lists them last
    return column + " " + order + " NULLS LAST";
  }
}
