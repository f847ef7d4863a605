package dev.journeys.engine.feel;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * How Zeebe types values when an attribute must be of one kind. A static value (no leading {@code =})
 * is not always a string in Zeebe: its StaticExpression reads {@code 3} as a number, so static
 * retries work and a static job type {@code 123} is a number, not the string a worker would ask for.
 * The type names are Zeebe's ResultType names, as its incident messages print them.
 */
public final class ZeebeValues {

  private ZeebeValues() {}

  /** The value of a static attribute as Zeebe's StaticExpression reads it: a number when it parses as one. */
  public static Object staticValue(String text) {
    if (text == null) {
      return null;
    }
    try {
      return FeelExpressions.toPlainJava(new BigDecimal(text));
    } catch (NumberFormatException notANumber) {
      return text;
    }
  }

  /** Zeebe's ResultType name of a value as the engine holds it (temporals are held as strings). */
  public static String typeOf(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Boolean) {
      return "BOOLEAN";
    }
    if (value instanceof Number) {
      return "NUMBER";
    }
    if (value instanceof Collection<?>) {
      return "ARRAY";
    }
    if (value instanceof Map<?, ?>) {
      return "OBJECT";
    }
    return "STRING";
  }

  /** Zeebe's message when an evaluated attribute has the wrong type (an EXTRACT_VALUE_ERROR incident). */
  public static String wrongType(Expression expression, String expected, Object value) {
    return "Expected result of the expression '%s' to be '%s', but was '%s'."
        .formatted(text(expression), expected, typeOf(value));
  }

  /** The expression as Zeebe's messages quote it: a FEEL expression without its leading '='. */
  public static String text(Expression expression) {
    return expression.isStatic() ? expression.source() : expression.source().substring(1);
  }

  /** The value of an attribute: a static one typed as Zeebe types it, else what FEEL returns. */
  public static EvaluationResult evaluate(
      FeelExpressions feel, Expression expression, Map<String, Object> variables, String elementId) {
    return expression.isStatic()
        ? EvaluationResult.ok(staticValue(expression.source()))
        : feel.evaluate(expression, variables, elementId);
  }
}
