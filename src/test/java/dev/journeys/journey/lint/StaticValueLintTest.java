package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.lint.LintFinding.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A value Zeebe reads as static text although the marketer meant an expression: an error where
 * Zeebe refuses the deployment, a warning where Zeebe would silently use the text as it stands.
 */
class StaticValueLintTest {

  private static final JourneyLinter LINTER = new JourneyLinter(new LintRules(
      Set.of("work"), Set.of("shipped"), List.of("en"), LintRules.DEFAULT_TEMPLATES, Set.of()));

  /** One service task with the given task definition and mappings, then a message catch event. */
  private static List<LintFinding> lint(String type, String retries, String input, String output, String key) {
    String xml = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://journeys.dev/lint">
          <message id="shipped_message" name="shipped">
            <extensionElements><zeebe:subscription correlationKey="%5$s"/></extensionElements>
          </message>
          <process id="values" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
            <serviceTask id="task">
              <extensionElements>
                <zeebe:taskDefinition type="%1$s" retries="%2$s"/>
                <zeebe:ioMapping>
                  <zeebe:input source="%3$s" target="amount"/>
                  <zeebe:output source="%4$s" target="result"/>
                </zeebe:ioMapping>
              </extensionElements>
            </serviceTask>
            <sequenceFlow id="f2" sourceRef="task" targetRef="wait"/>
            <intermediateCatchEvent id="wait">
              <messageEventDefinition id="m" messageRef="shipped_message"/>
            </intermediateCatchEvent>
            <sequenceFlow id="f3" sourceRef="wait" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """.formatted(type, retries, input, output, key);
    return LINTER.lint("values.bpmn", xml.getBytes(StandardCharsets.UTF_8));
  }

  private static List<LintFinding> lintWith(int which, String value) {
    String[] values = {"work", "3", "=order.total", "=answer", "=orderId"};
    values[which] = value;
    return lint(values[0], values[1], values[2], values[3], values[4]);
  }

  @Test
  void expressionsWhereZeebeWantsThemAndPlainValuesElsewhereHaveNoFindings() {
    assertThat(lint("work", "3", "email", "=answer", "=orderId")).isEmpty();
    assertThat(lint("work", "=retriesLeft", "=order.total * 2", "=answer", "=order.id")).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
    "4 | orderId      | shipped_message | correlation key",
    "4 | ' =orderId'  | shipped_message | correlation key",
    "3 | answer       | task            | output mapping source of 'result'",
  })
  void aStaticValueWhereZeebeRequiresAnExpressionIsAnError(int which, String value, String element, String what) {
    List<LintFinding> findings = lintWith(which, value);

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.elementId()).isEqualTo(element);
      assertThat(finding.problem()).contains("Expected the " + what + " to be an expression starting with '='")
          .contains("'" + value + "' is a static value");
    });
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
    "2 | order.total * 2   | input mapping source of 'amount'",
    "2 | order.total       | input mapping source of 'amount'",
    "2 | ' =order.total'  | input mapping source of 'amount'",
    "0 | order.channel + suffix | job type",
  })
  void aStaticValueThatLooksLikeAnExpressionIsAWarning(int which, String value, String what) {
    List<LintFinding> findings = lintWith(which, value).stream()
        .filter(finding -> finding.problem().contains(what))
        .filter(finding -> finding.problem().contains("looks like an expression") || finding.problem().contains("space before"))
        .toList();

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.severity()).isEqualTo(Severity.WARNING);
      assertThat(finding.elementId()).isEqualTo("task");
      assertThat(finding.problem()).containsAnyOf("Zeebe takes it as the text itself", "Zeebe uses the text as it stands");
    });
  }

  @Test
  void staticRetriesThatAreNoNumberAreAnError() {
    assertThat(lintWith(1, "three")).singleElement().satisfies(finding -> {
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.elementId()).isEqualTo("task");
      assertThat(finding.problem()).contains("'three' is not one").contains("an incident");
    });
  }

  @Test
  void aJobTypeWithDotsOrDashesIsAPlainValue() {
    assertThat(LINTER.lint("values.bpmn", ("""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://journeys.dev/lint">
          <process id="values" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
            <serviceTask id="task">
              <extensionElements><zeebe:taskDefinition type="io.camunda:http-json:1"/></extensionElements>
            </serviceTask>
            <sequenceFlow id="f2" sourceRef="task" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """).getBytes(StandardCharsets.UTF_8)))
        .noneMatch(finding -> finding.problem().contains("looks like an expression"));
  }
}
