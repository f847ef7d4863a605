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
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/**
 * Parses and evaluates FEEL with the Camunda FEEL engine. Values in and out are plain Java values as
 * produced by a JSON parser: maps, lists, strings, numbers, booleans and null.
 */
public final class FeelExpressions {

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
    return new Expression(text, null, result.parsedExpression());
  }

  public EvaluationResult evaluate(Expression expression, Map<String, Object> variables) {
    if (expression.isStatic()) {
      return EvaluationResult.ok(expression.staticValue());
    }
    org.camunda.feel.api.EvaluationResult result = feel.evaluate(expression.parsed(), variables);
    if (result.isFailure()) {
      return EvaluationResult.failed(
          "Expected to evaluate expression '%s', but failed: %s"
              .formatted(expression.source(), result.failure().message()));
    }
    return EvaluationResult.ok(toPlainJava(result.result()));
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
