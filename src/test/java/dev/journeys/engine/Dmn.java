package dev.journeys.engine;

import java.util.List;
import java.util.stream.Collectors;

/** DMN 1.3 resources for tests, written out as XML the way a modeller saves them. */
public final class Dmn {

  private Dmn() {}

  /** One input column: its id, label and FEEL expression. */
  public record Input(String id, String expression) {}

  /** One rule: its input entries and output entries, in column order. */
  public record Rule(String id, List<String> inputs, List<String> outputs) {}

  public static Rule rule(String id, List<String> inputs, List<String> outputs) {
    return new Rule(id, inputs, outputs);
  }

  /**
   * A graph with one decision table. {@code hitPolicy} is e.g. "UNIQUE" or "COLLECT"; {@code aggregation}
   * (SUM, MIN, MAX, COUNT) or null; outputs named by {@code outputs}.
   */
  public static String table(String drgId, String decisionId, String hitPolicy, String aggregation,
      List<Input> inputs, List<String> outputs, List<Rule> rules) {
    return definitions(drgId, decision(decisionId, "", tableXml(decisionId, hitPolicy, aggregation, inputs, outputs,
        rules)));
  }

  public static String tableXml(String decisionId, String hitPolicy, String aggregation, List<Input> inputs,
      List<String> outputs, List<Rule> rules) {
    StringBuilder xml = new StringBuilder();
    xml.append("<decisionTable id=\"").append(decisionId).append("_table\" hitPolicy=\"").append(hitPolicy).append('"');
    if (aggregation != null) {
      xml.append(" aggregation=\"").append(aggregation).append('"');
    }
    xml.append(">\n");
    for (Input input : inputs) {
      xml.append("<input id=\"").append(input.id()).append("\" label=\"").append(input.id()).append("\">")
          .append("<inputExpression id=\"").append(input.id()).append("_expr\"><text>")
          .append(escape(input.expression())).append("</text></inputExpression></input>\n");
    }
    for (String output : outputs) {
      // "name|\"a\",\"b\"" gives the output its values in priority order (PRIORITY, OUTPUT ORDER)
      String name = output.contains("|") ? output.substring(0, output.indexOf('|')) : output;
      xml.append("<output id=\"").append(name).append("_out\" name=\"").append(name).append("\" label=\"")
          .append(name).append("\">");
      if (output.contains("|")) {
        xml.append("<outputValues><text>").append(escape(output.substring(output.indexOf('|') + 1)))
            .append("</text></outputValues>");
      }
      xml.append("</output>\n");
    }
    for (Rule rule : rules) {
      xml.append("<rule id=\"").append(rule.id()).append("\">");
      int i = 0;
      for (String entry : rule.inputs()) {
        xml.append("<inputEntry id=\"").append(rule.id()).append("_in").append(i++).append("\"><text>")
            .append(escape(entry)).append("</text></inputEntry>");
      }
      i = 0;
      for (String entry : rule.outputs()) {
        xml.append("<outputEntry id=\"").append(rule.id()).append("_out").append(i++).append("\"><text>")
            .append(escape(entry)).append("</text></outputEntry>");
      }
      xml.append("</rule>\n");
    }
    return xml.append("</decisionTable>").toString();
  }

  /** A decision element; {@code requires} lists the decisions it reads (their ids), {@code logic} its table or expression. */
  public static String decision(String id, String name, String logic, String... requires) {
    String required = List.of(requires).stream()
        .map(r -> "<informationRequirement id=\"" + id + "_needs_" + r + "\"><requiredDecision href=\"#" + r
            + "\" /></informationRequirement>")
        .collect(Collectors.joining("\n"));
    // DMN's schema wants the variable before the requirements, the logic last
    String variable = "";
    if (logic.startsWith("<variable")) {
      variable = logic.substring(0, logic.indexOf("/>") + 2);
      logic = logic.substring(variable.length());
    }
    return "<decision id=\"" + id + "\" name=\"" + (name.isEmpty() ? id : name) + "\">\n" + variable + "\n" + required
        + "\n" + logic + "\n</decision>";
  }

  public static String literal(String id, String variable, String expression) {
    return "<variable id=\"" + id + "_var\" name=\"" + variable + "\" />"
        + "<literalExpression id=\"" + id + "_expr\"><text>" + escape(expression) + "</text></literalExpression>";
  }

  public static String definitions(String drgId, String... decisions) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="%s" name="%s graph" namespace="http://journeys.dev/dmn">
        %s
        </definitions>
        """.formatted(drgId, drgId, String.join("\n", decisions));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
