package dev.journeys.engine.feel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/**
 * Parses and evaluates FEEL with the Camunda FEEL engine. Values in and out are plain Java values as
 * produced by a JSON parser: maps, lists, strings, numbers, booleans and null.
 */
public final class FeelExpressions {

  private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private static final Set<String> KEYWORDS = Set.of("null", "true", "false", "not", "and", "or", "function", "for",
      "if", "then", "else", "some", "every", "in", "between", "instance", "of", "return", "satisfies");

  private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();

  /** Parses a BPMN attribute value; text starting with '=' is FEEL, anything else is static. */
  public Optional<String> parseError(String text) {
    if (text == null || !text.startsWith("=")) {
      return Optional.empty();
    }
    ParseResult result = feel.parseExpression(text.substring(1));
    return result.isFailure() ? Optional.of(result.failure().message()) : Optional.empty();
  }

  /** Returns the parsed expression; callers check {@link #parseError(String)} first. */
  public Expression parse(String text) {
    if (text == null || !text.startsWith("=")) {
      return Expression.ofStatic(text);
    }
    ParseResult result = feel.parseExpression(text.substring(1));
    if (result.isFailure()) {
      throw new IllegalArgumentException(result.failure().message());
    }
    String body = text.substring(1).strip();
    List<String> path = PATH.matcher(body).matches() && !KEYWORDS.contains(body) ? List.of(body.split("\\.")) : null;
    return new Expression(text, null, result.parsedExpression(), path);
  }

  public EvaluationResult evaluate(Expression expression, Map<String, Object> variables) {
    if (expression.isStatic()) {
      return EvaluationResult.ok(expression.staticValue());
    }
    if (expression.isPath()) {
      return EvaluationResult.ok(readPath(expression.path(), variables));
    }
    org.camunda.feel.api.EvaluationResult result = feel.evaluate(expression.parsed(), variables);
    if (result.isFailure()) {
      return EvaluationResult.failed(
          "Expected to evaluate expression '%s', but failed: %s"
              .formatted(expression.source(), result.failure().message()));
    }
    return EvaluationResult.ok(toPlainJava(result.result()));
  }

  /**
   * Most BPMN expressions only name a variable (a correlation key, a timer date). Building a FEEL
   * context for those dominated message correlation; the result is the same: the value, or null
   * when the variable or a property on the path is missing, as FEEL answers.
   */
  private static Object readPath(List<String> path, Map<String, Object> variables) {
    Object value = variables.get(path.get(0));
    for (int i = 1; i < path.size() && value != null; i++) {
      value = property(value, path.get(i));
    }
    return asFeelWouldReturn(value);
  }

  /** A property of a context; on a list, FEEL projects it over the elements. */
  private static Object property(Object value, String name) {
    if (value instanceof Map<?, ?> context) {
      return context.get(name);
    }
    if (value instanceof Collection<?> list) {
      List<Object> projected = new ArrayList<>(list.size());
      list.forEach(element -> projected.add(property(element, name)));
      return projected;
    }
    return null;
  }

  /** FEEL numbers are decimals: 2.0 comes back as 2, as the FEEL engine would return it. */
  private static Object asFeelWouldReturn(Object value) {
    if (value instanceof Number number && !(value instanceof BigDecimal) && !(value instanceof BigInteger)) {
      return toPlainJava(new BigDecimal(number.toString()));
    }
    return toPlainJava(value);
  }

  /** Converts FEEL results (Scala-free thanks to the Java value mapper, but with wide numbers and temporals) to JSON-friendly Java. */
  static Object toPlainJava(Object value) {
    if (value instanceof BigDecimal decimal) {
      return normalise(decimal);
    }
    if (value instanceof BigInteger integer) {
      return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), toPlainJava(v)));
      return copy;
    }
    if (value instanceof Collection<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(toPlainJava(v)));
      return copy;
    }
    if (value instanceof TemporalAccessor || value instanceof Duration || value instanceof Period) {
      return value.toString();
    }
    return value;
  }

  private static Object normalise(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
      return stripped.longValueExact();
    }
    return decimal.doubleValue();
  }
}
