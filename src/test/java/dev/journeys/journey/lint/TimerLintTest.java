package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.JourneyLinter;
import dev.journeys.journey.LintFinding;
import dev.journeys.journey.LintRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The static timer forms the embedded engine accepts (README) pass; near misses do not. */
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "timeDuration | PT10S",
    "timeDuration | P1D",
    "timeDuration | P1Y",
    "timeDuration | P1Y2M3DT4H5M",
    "timeDuration | =duration(\"P\" + string(days) + \"D\")",
    "timeDate     | 2026-01-01T09:00:00Z",
    "timeDate     | 2026-01-01T09:00:00+08:00",
    "timeCycle    | R5/PT10S",
    "timeCycle    | R/PT1H",
    "timeCycle    | R3/2026-01-01T09:00:00Z/P1D",
    "timeCycle    | 0 0 9 * * MON-FRI",
  })
  void acceptedTimersHaveNoFindings(String kind, String value) {
    assertThat(lintTimer(kind, value)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "timeDuration | 1 day",
    "timeDuration | P1W2",
    "timeDate     | 2026-01-01",
    "timeCycle    | R5",
    "timeCycle    | Rx/PT10S",
    "timeCycle    | 0 9 * * MON-FRI",
    "timeCycle    | =cycle(",
  })
  void rejectedTimersNameTheEvent(String kind, String value) {
    assertThat(lintTimer(kind, value)).singleElement()
        .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("wait"));
  }
}
