package dev.journeys.engine.feel;

import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * A value in a BPMN attribute: either a static string or a FEEL expression (text starting with
 * {@code =}), parsed once at deployment.
 */
public record Expression(String source, Object staticValue, ParsedExpression parsed) {

  public static Expression ofStatic(Object value) {
    return new Expression(String.valueOf(value), value, null);
  }

  public boolean isStatic() {
    return parsed == null;
  }

  @Override
  public String toString() {
    return source;
  }
}
