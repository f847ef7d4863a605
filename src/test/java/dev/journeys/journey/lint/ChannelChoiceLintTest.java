package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.LintFinding;
import dev.journeys.journey.lint.LintRules;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The linter knows the channel-choice values notify reads, so a typo fails lint, not an order. */
class ChannelChoiceLintTest {

  private final JourneyLinter linter = new JourneyLinter(LintRules.ofApplication());

  @ParameterizedTest
  @ValueSource(strings = {"first", "all", "ALL"})
  void firstAndAllAreAccepted(String choice) {
    assertThat(lint(choice)).isEmpty();
  }

  @Test
  void withoutTheHeaderTheStepIsFine() {
    assertThat(lint(null)).isEmpty();
  }

  @Test
  void anyOtherValueIsAnErrorOnItsTask() {
    List<LintFinding> findings = lint("preferred");

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.isError()).isTrue();
      assertThat(finding.elementId()).isEqualTo("send");
      assertThat(finding.problem()).contains("'channel-choice' first or all", "'preferred'");
    });
  }

  private List<LintFinding> lint(String choice) {
    var model = Bpmn.createExecutableProcess("choice").startEvent("start")
        .serviceTask("send", t -> {
          t.zeebeJobType("send-message")
              .zeebeTaskHeader("template", "shipping-update")
              .zeebeTaskHeader("channels", "email,sms")
              .zeebeTaskHeader("purpose", "transactional");
          if (choice != null) {
            t.zeebeTaskHeader("channel-choice", choice);
          }
        })
        .endEvent("end").done();
    return linter.lint("choice.bpmn", Bpmn.convertToString(model).getBytes());
  }
}
