package dev.journeys.engine.dmn;

import dev.journeys.engine.feel.FeelExpressions;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedContext;
import org.camunda.dmn.parser.ParsedDecisionLogic;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.dmn.parser.ParsedInvocation;
import org.camunda.dmn.parser.ParsedList;
import org.camunda.dmn.parser.ParsedLiteralExpression;
import org.camunda.dmn.parser.ParsedRelation;
import org.camunda.dmn.parser.ParsedRule;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Parses DMN resources and evaluates decisions as Zeebe's DmnScalaDecisionEngine does: one dmn-scala
 * engine with its default configuration, the variables as a map, failures worded "Expected to
 * evaluate decision '…', but …" with dmn-scala's reason, and the audit log read into the evaluated
 * decisions (inputs, matched rules, outputs) Zeebe reports.
 */
public final class DecisionEngine {

  private final DmnEngine dmn = new DmnEngine.Builder().build();
  private final ValueMapper values = ValueMapper.defaultValueMapper();

  /** Parses a .dmn resource; a {@link ParsedDrg} that {@link ParsedDrg#isValid() is not valid} says why. */
  public ParsedDrg parse(byte[] resource) {
    try {
      var result = dmn.parse(new ByteArrayInputStream(resource));
      if (result.isLeft()) {
        return ParsedDrg.failed(result.left().get().message());
      }
      ParsedDmn parsed = result.right().get();
      Definitions definitions = parsed.model().getDefinitions();
      List<ParsedDrg.Decision> decisions = new ArrayList<>();
      CollectionConverters.asJava(parsed.decisions())
          .forEach(d -> decisions.add(new ParsedDrg.Decision(d.id(), d.name())));
      return new ParsedDrg(definitions.getId(), definitions.getName(), definitions.getNamespace(), decisions, parsed,
          null);
    } catch (RuntimeException | StackOverflowError e) {
      return ParsedDrg.failed(e.getMessage());
    }
  }

  /** Evaluates the decision of the graph with the variables. */
  public DecisionResult evaluate(ParsedDrg drg, String decisionId, Map<String, Object> variables) {
    if (!drg.isValid()) {
      return DecisionResult.failed("Expected to evaluate decision '%s', but the decision requirements graph is invalid"
          .formatted(decisionId), decisionId, List.of());
    }
    scala.util.Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result;
    try {
      result = dmn.eval(drg.parsed(), decisionId, new HashMap<>(variables));
    } catch (StackOverflowError e) {
      return DecisionResult.failed(("Expected to evaluate decision '%s', but the evaluation failed with a "
          + "StackOverflowError. This can happen when the decision requirements graph contains a very long chain "
          + "of dependent decisions.").formatted(decisionId), decisionId, List.of());
    }
    Audit.AuditLog audit = result.isLeft() ? result.left().get().auditLog() : result.right().get().auditLog();
    List<EvaluatedDecision> evaluated = audit == null ? List.of() : evaluatedDecisions(audit);
    if (result.isLeft()) {
      String failedDecisionId = evaluated.isEmpty() ? decisionId : evaluated.get(evaluated.size() - 1).decisionId();
      return DecisionResult.failed("Expected to evaluate decision '%s', but %s"
          .formatted(decisionId, result.left().get().failure().message()), failedDecisionId, evaluated);
    }
    DmnEngine.EvalResult ok = result.right().get();
    // dmn-scala hands out the value unpacked by its value mapper (Scala collections), or a Val
    Object output = ok.isNil() ? null
        : ok.value() instanceof Val val ? toJava(val) : FeelExpressions.toPlainJava(fromScala(ok.value()));
    return DecisionResult.ok(output, evaluated);
  }

  private List<EvaluatedDecision> evaluatedDecisions(Audit.AuditLog audit) {
    List<EvaluatedDecision> decisions = new ArrayList<>();
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(audit.entries())) {
      List<EvaluatedDecision.Input> inputs = new ArrayList<>();
      List<EvaluatedDecision.Rule> rules = new ArrayList<>();
      if (entry.result() instanceof Audit.DecisionTableEvaluationResult table
          && entry.decisionLogic() instanceof ParsedDecisionTable parsedTable) {
        for (Audit.EvaluatedInput input : CollectionConverters.asJava(table.inputs())) {
          inputs.add(new EvaluatedDecision.Input(input.input().id(), input.input().name(), toJava(input.value())));
        }
        List<ParsedRule> allRules = new ArrayList<>(CollectionConverters.asJavaCollection(parsedTable.rules()));
        for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
          List<EvaluatedDecision.Output> outputs = new ArrayList<>();
          for (Audit.EvaluatedOutput output : CollectionConverters.asJava(rule.outputs())) {
            outputs.add(new EvaluatedDecision.Output(output.output().id(), output.output().name(),
                toJava(output.value())));
          }
          rules.add(new EvaluatedDecision.Rule(rule.rule().id(), allRules.indexOf(rule.rule()) + 1, outputs));
        }
      }
      Object output = entry.result() == null ? null : toJava(entry.result().result());
      decisions.add(new EvaluatedDecision(entry.id(), entry.name(), typeOf(entry.decisionLogic()), output, inputs,
          rules));
    }
    return decisions;
  }

  /** Zeebe's DecisionType names. */
  private static String typeOf(ParsedDecisionLogic logic) {
    if (logic instanceof ParsedDecisionTable) {
      return "DECISION_TABLE";
    }
    if (logic instanceof ParsedLiteralExpression) {
      return "LITERAL_EXPRESSION";
    }
    if (logic instanceof ParsedContext) {
      return "CONTEXT";
    }
    if (logic instanceof ParsedList) {
      return "LIST";
    }
    if (logic instanceof ParsedRelation) {
      return "RELATION";
    }
    if (logic instanceof ParsedInvocation) {
      return "INVOCATION";
    }
    return "UNKNOWN";
  }

  private Object toJava(Val value) {
    return value == null ? null : FeelExpressions.toPlainJava(fromScala(values.unpackVal(value)));
  }

  /** FEEL's default mapper unpacks to Scala collections and numbers: the engine holds Java ones. */
  private static Object fromScala(Object value) {
    if (value instanceof scala.math.BigDecimal decimal) {
      return decimal.bigDecimal();
    }
    if (value instanceof scala.math.BigInt integer) {
      return integer.bigInteger();
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((k, v) -> copy.put(String.valueOf(k), fromScala(v)));
      return copy;
    }
    if (value instanceof scala.collection.Iterable<?> list) {
      List<Object> copy = new ArrayList<>();
      CollectionConverters.asJava(list).forEach(v -> copy.add(fromScala(v)));
      return copy;
    }
    if (value instanceof scala.Option<?> option) {
      return option.isEmpty() ? null : fromScala(option.get());
    }
    return value;
  }
}
