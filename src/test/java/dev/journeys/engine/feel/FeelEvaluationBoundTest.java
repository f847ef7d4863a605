package dev.journeys.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each evaluation is bounded: a runaway expression fails after the bound with Zeebe's message, its
 * thread stops (the range and the regex built-ins are interruptible), and the next evaluation runs
 * as usual. The stand-ins for the built-ins answer exactly as the FEEL engine's own.
 */
class FeelEvaluationBoundTest {

  /** Generous for a busy two-core CI machine: only failure or success is asserted, never timing within it. */
  private static final Duration STOPS_WITHIN = Duration.ofSeconds(30);

  private final FeelExpressions feel = new FeelExpressions(Duration.ofMillis(300));
  /** For expressions that end: a bound no slow machine reaches, so only the answers are compared. */
  private final FeelExpressions patient = new FeelExpressions(Duration.ofSeconds(30));

  @AfterEach
  void close() {
    feel.close();
    patient.close();
  }

  @Test
  void aHugeRangeFailsAfterTheBoundAndItsThreadStops() {
    EvaluationResult result = evaluate("=count(for i in 1..1000000000 return i) > 0", Map.of());

    assertThat(result.isFailure()).isTrue();
    assertThat(result.failure()).isEqualTo("Expected to evaluate expression but timed out after 300 ms: "
        + "'count(for i in 1..1000000000 return i) > 0' (element 'check')");
    await().atMost(STOPS_WITHIN).until(() -> feel.overrunningEvaluations() == 0);
  }

  @Test
  void aRangeFromAVariableIsBoundedToo() {
    EvaluationResult result = evaluate("=some i in 1..n satisfies i < 0", Map.of("n", 2_000_000_000L));

    assertThat(result.failure()).startsWith("Expected to evaluate expression but timed out after 300 ms");
    await().atMost(STOPS_WITHIN).until(() -> feel.overrunningEvaluations() == 0);
  }

  @Test
  void aCatastrophicRegexFailsAfterTheBoundAndItsThreadStops() {
    EvaluationResult result = evaluate("=matches(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"^(a+)+\\\\1$\")", Map.of());

    assertThat(result.failure()).startsWith("Expected to evaluate expression but timed out after 300 ms: 'matches(");
    await().atMost(STOPS_WITHIN).until(() -> feel.overrunningEvaluations() == 0);
  }

  @Test
  void nestedLoopsThatTheInterpreterChecksStopToo() {
    EvaluationResult result = evaluate("=count(for x in 1..100000 return for y in 1..x return x + y)", Map.of());

    assertThat(result.failure()).startsWith("Expected to evaluate expression but timed out");
    await().atMost(STOPS_WITHIN).until(() -> feel.overrunningEvaluations() == 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "matches(\"foobar\", \"^fo*b\")", "matches(\"FooBar\", \"foo\", \"i\")", "matches(\"a\", \"[\")",
      "matches(null, \"a\")", "matches(\"a\", 1)", "matches(input: \"abc\", pattern: \"b\")",
      "replace(\"abcd\", \"(ab)|(a)\", \"[1=$1][2=$2]\")", "replace(\"Abc\", \"a\", \"x\", \"i\")",
      "replace(\"abc\", \"(b)\", \"$2\")", "replace(\"abc\", \"[\", \"x\")", "replace(1, \"a\", \"b\")",
      "split(\"a;b;;c\", \";\")", "split(\"John Doe\", \"\\\\s\")", "split(\"a\", \"[\")",
      "extract(\"references are 1234, 1256, 1378\", \"12[0-9]*\")", "extract(\"a\", \"[\")",
      "for i in 1..3 return i", "for i in 3..1 return i", "for i in 1.5..3 return i", "for i in 2..2 return i",
      "for i in 1..\"a\" return i", "for i in 1..n return i * 2", "some x in 1..5 satisfies x > 4",
      "every x in -2..2 satisfies x < 3", "for i in 1..2, j in 1..2 return i * j", "[1..3]", "5 in [1..10]",
      "{r: for i in 0..2 return i}.r", "sum(for i in 1..10 return i)", "count(for i in 1..1000 return i)"
  })
  void theStandInsAnswerAsTheFeelEngineDoes(String expression) {
    Map<String, Object> variables = Map.of("n", 4);
    FeelEngineApi reference = FeelEngineBuilder.forJava().build();
    org.camunda.feel.api.EvaluationResult expected = reference.evaluateExpression(expression, variables);

    EvaluationResult actual = patient.evaluate(patient.parse("=" + expression), variables, "check");

    if (expected.isFailure()) {
      assertThat(actual.isFailure()).as(actual.toString()).isTrue();
    } else {
      assertThat(actual.failure()).isNull();
      assertThat(actual.value()).isEqualTo(FeelExpressions.toPlainJava(expected.result()));
    }
  }

  @Test
  void evaluationsThatEndInTimeAreUnaffectedAndReuseTheirThread() {
    for (int i = 0; i < 1000; i++) {
      Map<String, Object> variables = new HashMap<>(Map.of("amount", i));
      assertThat(patient.evaluate(patient.parse("=amount > 100"), variables, "check").value()).isEqualTo(i > 100);
    }
    assertThat(patient.evaluate(patient.parse("=for x in items return x.price"),
        Map.of("items", List.of(Map.of("price", 3))), "check").value()).isEqualTo(List.of(3L));
    assertThat(patient.overrunningEvaluations()).isZero();
  }

  private EvaluationResult evaluate(String text, Map<String, Object> variables) {
    return feel.evaluate(feel.parse(text), variables, "check");
  }
}
