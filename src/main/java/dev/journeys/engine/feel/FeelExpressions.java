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
import org.camunda.feel.context.Context;
import org.camunda.feel.syntaxtree.ValFunction;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Parses and evaluates FEEL with the Camunda FEEL engine. Values in and out are plain Java values as
 * produced by a JSON parser: maps, lists, strings, numbers, booleans and null.
 *
 * <p>Each evaluation is bounded in time ({@link BoundedEvaluation}): an expression such as {@code
 * count(for i in 1..1000000000 return i) > 0} or a catastrophically backtracking {@code matches()}
 * fails after the bound, as Zeebe's does, instead of holding the engine's single writer.
 */
public final class FeelExpressions implements AutoCloseable {

  private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private static final Set<String> KEYWORDS = Set.of("null", "true", "false", "not", "and", "or", "function", "for",
      "if", "then", "else", "some", "every", "in", "between", "instance", "of", "return", "satisfies");

  private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();
  private final scala.collection.immutable.Map<String, scala.collection.immutable.List<ValFunction>> guarded =
      GuardedFunctions.all();
  private final BoundedEvaluation bounded;

  /** @param evaluationTimeout how long one evaluation may run before it fails (and its element gets an incident) */
  public FeelExpressions(Duration evaluationTimeout) {
    this.bounded = new BoundedEvaluation(evaluationTimeout);
  }

  /**
   * Whether Zeebe reads the attribute text as a static value: anything but '=' followed by at least
   * one character (its FeelExpressionLanguage matches {@code =(.+)} on the whole text, so a leading
   * space makes the text static and a lone '=' is static too).
   */
  public static boolean isStatic(String text) {
    return text == null || !text.startsWith("=") || text.length() == 1;
  }

  /** Parses a BPMN attribute value; text starting with '=' is FEEL, anything else is static. */
  public Optional<String> parseError(String text) {
    if (isStatic(text)) {
      return Optional.empty();
    }
    ParseResult result = feel.parseExpression(text.substring(1));
    return result.isFailure() ? Optional.of(result.failure().message()) : Optional.empty();
  }

  /** Returns the parsed expression; callers check {@link #parseError(String)} first. */
  public Expression parse(String text) {
    if (isStatic(text)) {
      return Expression.ofStatic(text);
    }
    ParseResult result = feel.parseExpression(text.substring(1));
    if (result.isFailure()) {
      throw new IllegalArgumentException(result.failure().message());
    }
    String body = text.substring(1).strip();
    List<String> path = PATH.matcher(body).matches() && !KEYWORDS.contains(body) ? List.of(body.split("\\.")) : null;
    return new Expression(text, null, RangeRewriter.rewrite(result.parsedExpression()), path);
  }

  /**
   * Evaluates {@code expression} of the element {@code elementId} (named in the failure when the
   * evaluation runs past its bound) over {@code variables}.
   */
  public EvaluationResult evaluate(Expression expression, Map<String, Object> variables, String elementId) {
    if (expression.isStatic()) {
      return EvaluationResult.ok(expression.staticValue());
    }
    if (expression.isPath()) {
      return EvaluationResult.ok(readPath(expression.path(), variables));
    }
    return bounded.run(expression, elementId, () -> evaluateNow(expression, variables));
  }

  /** Runs on one of {@link BoundedEvaluation}'s threads. */
  private EvaluationResult evaluateNow(Expression expression, Map<String, Object> variables) {
    scala.collection.immutable.Map<String, Object> scalaVariables =
        scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(variables));
    Context context = new Context.StaticContext(scalaVariables, guarded);
    org.camunda.feel.api.EvaluationResult result = feel.evaluate(expression.parsed(), context);
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
  public static Object toPlainJava(Object value) {
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

  /** The bound each evaluation runs under. */
  public Duration evaluationTimeout() {
    return bounded.bound();
  }

  /** Evaluations still running past their bound (they ignored their interruption so far). */
  int overrunningEvaluations() {
    return bounded.overrunning();
  }

  /** Stops the evaluation threads; an evaluation still running past its bound is interrupted once more. */
  @Override
  public void close() {
    bounded.close();
  }

  private static Object normalise(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
      return stripped.longValueExact();
    }
    return decimal.doubleValue();
  }
}
