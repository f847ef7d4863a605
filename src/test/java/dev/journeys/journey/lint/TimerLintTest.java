package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.LintFinding;
import dev.journeys.journey.lint.LintFinding.Severity;
import dev.journeys.journey.lint.LintRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Static timers: the shared table of Zeebe 8.8's timer syntax (the engine's TimerSyntaxTest runs the
 * same rows) passes or fails lint exactly as it deploys or not; FEEL timers are left to the FEEL check.
 */
class TimerLintTest {

  private static final JourneyLinter LINTER = new JourneyLinter(LintRules.ofApplication());

  private static List<LintFinding> lintTimer(String kind, String value) {
    String xml = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"
            targetNamespace="http://journeys.dev/lint">
          <process id="timers" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <intermediateCatchEvent id="wait">
              <timerEventDefinition id="t"><%1$s>%2$s</%1$s></timerEventDefinition>
            </intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """.formatted(kind, value);
    return LINTER.lint("timers.bpmn", xml.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.journeys.TimerSyntaxTable#accepted")
  void timersZeebeAcceptsHaveNoFindings(String kind, String value) {
    assertThat(lintTimer(kind, value)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.journeys.TimerSyntaxTable#refused")
  void timersZeebeRefusesAreErrorsNamingTheEventAndTheValue(String kind, String value) {
    assertThat(lintTimer(kind, value)).singleElement().satisfies(finding -> {
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.elementId()).isEqualTo("wait");
      assertThat(finding.problem()).contains("'" + value + "'");
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "timeDuration | =duration(\"P\" + string(days) + \"D\")",
    "timeDate     | =date and time(firstOrderAt) + duration(\"P1Y\")",
    "timeCycle    | =\"R/PT\" + string(hours) + \"H\"",
  })
  void feelTimersAreLeftToTheFeelCheck(String kind, String value) {
    assertThat(lintTimer(kind, value)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"timeDuration | =duration(", "timeCycle | =cycle("})
  void feelTimersThatDoNotParseAreErrors(String kind, String value) {
    assertThat(lintTimer(kind, value)).singleElement()
        .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("wait"));
  }
}
