package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.lint.JourneyLinter.LintSource;
import dev.journeys.journey.lint.LintFinding.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Business rule tasks call decisions that are deployed with the journeys; the .dmn files themselves parse. */
class DecisionLintTest {

  private static final JourneyLinter LINTER = new JourneyLinter(new LintRules(
      Set.of("work"), Set.of(), List.of("en"), LintRules.DEFAULT_TEMPLATES, Set.of()));

  private static byte[] ruleTask(String decisionId) {
    return """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://journeys.dev/lint">
          <process id="rules" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="decide"/>
            <businessRuleTask id="decide">
              <extensionElements><zeebe:calledDecision decisionId="%s" resultVariable="choice"/></extensionElements>
            </businessRuleTask>
            <sequenceFlow id="f2" sourceRef="decide" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """.formatted(decisionId).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theShippedExampleCallsTheShippedDecision() throws Exception {
    byte[] example = Files.readAllBytes(Path.of("examples/decisions/follow-up-choice.bpmn"));
    assertThat(LINTER.lint("follow-up-choice.bpmn", example)).isEmpty();
    byte[] dmn = Files.readAllBytes(Path.of("bpmn/post-purchase-follow-up.dmn"));
    assertThat(LINTER.lint("post-purchase-follow-up.dmn", dmn)).isEmpty();
  }

  @Test
  void aDecisionNoDmnFileDefinesIsAnError() {
    assertThat(LINTER.lint("rules.bpmn", ruleTask("next-best-offer"))).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.elementId()).isEqualTo("decide");
      assertThat(f.problem()).isEqualTo("Expected the called decision 'next-best-offer' to be deployed with the "
          + "journeys, but no .dmn file defines it.");
      assertThat(f.fix()).contains("post-purchase-follow-up");
    });
  }

  @Test
  void aDecisionInADmnFileLintedWithTheJourneyIsKnown() {
    byte[] dmn = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="offers" name="Offers" namespace="http://x">
          <decision id="next-best-offer" name="Next best offer">
            <literalExpression id="e"><text>"voucher"</text></literalExpression>
          </decision>
        </definitions>
        """.getBytes(StandardCharsets.UTF_8);
    assertThat(LINTER.lint(List.of(new LintSource("offers.dmn", dmn), new LintSource("rules.bpmn",
        ruleTask("next-best-offer"))))).isEmpty();
  }

  @Test
  void aDecisionIdExpressionIsAWarningAndABrokenDmnFileAnError() {
    assertThat(LINTER.lint("rules.bpmn", ruleTask("=which"))).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    assertThat(LINTER.lint("broken.dmn", "<definitions".getBytes(StandardCharsets.UTF_8))).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.ERROR);
          assertThat(f.problem()).startsWith("Expected DMN 1.3 XML, but it does not parse");
        });
  }
}
