package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.LintFinding;
import dev.journeys.journey.lint.LintRules;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The channels a step may name are the application's channels, as notify marks them
 * (@ChannelKey): the linter has no list of its own, so a new channel needs no change here.
 */
class ChannelsLintTest {

  private final JourneyLinter linter = new JourneyLinter(LintRules.ofApplication());

  @Test
  void theApplicationsChannelsAreKnownWithoutAContext() {
    assertThat(LintRules.ofApplication().channels()).containsExactly("email", "push", "sms", "whatsapp");
  }

  @Test
  void aStepMayNameWhatsApp() {
    assertThat(lint("whatsapp,email")).isEmpty();
  }

  @Test
  void aChannelNoOneDeliversIsAnErrorNamingTheKnownOnes() {
    assertThat(lint("email,telegram")).singleElement().satisfies(finding -> {
      assertThat(finding.isError()).isTrue();
      assertThat(finding.problem()).contains("[email, push, sms, whatsapp]", "email,telegram");
    });
  }

  private List<LintFinding> lint(String channels) {
    var model = Bpmn.createExecutableProcess("channels").startEvent("start")
        .serviceTask("send", t -> t.zeebeJobType("send-message")
            .zeebeTaskHeader("template", "shipping-update")
            .zeebeTaskHeader("channels", channels)
            .zeebeTaskHeader("purpose", "transactional"))
        .endEvent("end").done();
    return linter.lint("channels.bpmn", Bpmn.convertToString(model).getBytes());
  }
}
