package dev.journeys.engine.feel;

import java.util.List;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * A value in a BPMN attribute: either a static string or a FEEL expression (text starting with
 * {@code =}), parsed once at deployment.
 */
public record Expression(String source, Object staticValue, ParsedExpression parsed, List<String> path) {

  public static Expression ofStatic(Object value) {
    return new Expression(String.valueOf(value), value, null, null);
  }

  /** A plain variable reference such as {@code =orderId} or {@code =order.id}: read without FEEL. */
  public boolean isPath() {
    return path != null;
  }

  public boolean isStatic() {
    return parsed == null;
  }

  @Override
  public String toString() {
    return source;
  }
}
