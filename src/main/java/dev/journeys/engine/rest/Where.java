package dev.journeys.engine.rest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** SQL conditions joined by AND, with their parameters in order. */
final class Where {

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  void add(String condition, Object... values) {
    addAll(condition, List.of(values));
  }

  void addAll(String condition, Collection<?> values) {
    conditions.add(condition);
    params.addAll(values);
  }

  boolean isEmpty() {
    return conditions.isEmpty();
  }

  /** The conditions as a WHERE clause with a leading space, or nothing. */
  String clause() {
    return conditions.isEmpty() ? "" : " WHERE " + conditions();
  }

  String conditions() {
    return conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
  }

  List<Object> params() {
    return params;
  }
}
