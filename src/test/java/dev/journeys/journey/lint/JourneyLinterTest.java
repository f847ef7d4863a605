package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.LintFinding;
import dev.journeys.journey.lint.LintFinding.Severity;
import dev.journeys.journey.lint.LintRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each deliberately broken model in src/test/resources/lint/ yields its one finding. */
class JourneyLinterTest {

  private static final LintRules RULES = LintRules.ofApplication();

  private static List<LintFinding> lint(String name) {
    return lint(new JourneyLinter(RULES), name);
  }

  private static List<LintFinding> lint(JourneyLinter linter, String name) {
    try (InputStream in = JourneyLinterTest.class.getResourceAsStream("/lint/" + name)) {
      return linter.lint(name, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LintFinding onlyFinding(String name) {
    List<LintFinding> findings = lint(name);
    assertThat(findings).as("findings of " + name).hasSize(1);
    return findings.getFirst();
  }

  @Test
  void aValidJourneyHasNoFindings() {
    assertThat(lint("valid.bpmn")).isEmpty();
  }

  /** Only the engine evaluates FEEL, each evaluation bounded; the linter parses, as a deployment does. */
  @Test
  @Timeout(60)
  void feelThatWouldRunForEverParsesAndHasNoFindings() {
    assertThat(lint("runaway-feel.bpmn")).isEmpty();
  }

  @Test
  void aJobTypeWithoutWorkerIsAnError() {
    LintFinding finding = onlyFinding("unknown-job-type.bpmn");

    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.file()).isEqualTo("unknown-job-type.bpmn");
    assertThat(finding.elementId()).isEqualTo("send_coupon");
    assertThat(finding.problem()).contains("no @JobWorker handles 'send-coupon'");
    assertThat(finding.fix()).contains("send-message", "open-support-ticket");
  }

  @Test
  void aJobTypeDeclaredAsServedElsewhereIsAccepted() {
    var linter = new JourneyLinter(RULES.withExternalTypes(java.util.Set.of("send-coupon")));

    assertThat(lint(linter, "unknown-job-type.bpmn")).isEmpty();
    assertThat(onlyFinding("unknown-job-type.bpmn").fix()).contains("journeys.lint.external-job-types");
  }

  @Test
  void aTemplateMissingInOneLocaleNamesEachMissingFile() {
    var linter = new JourneyLinter(RULES.withTemplates("classpath:lint/templates/"));

    List<LintFinding> findings = lint(linter, "missing-template-locale.bpmn");

    assertThat(findings).hasSize(3).allSatisfy(finding -> {
      assertThat(finding.elementId()).isEqualTo("send_en_only");
      assertThat(finding.problem()).contains("template 'en-only' in locale zh-CN");
    });
    assertThat(findings).extracting(LintFinding::problem).anyMatch(
        problem -> problem.contains("en-only/zh-CN.subject.txt does not exist"));
  }

  /**
   * A template made in the studio (not on disk) is known: its published files count as the
   * packaged ones do; a file only drafted there is named as such; one that is nowhere is unknown.
   */
  @Test
  void templatesMadeInTheStudioAreKnownDraftsAreNamedAndOthersUnknown() {
    java.util.Set<String> published = java.util.Set.of("en-only/zh-CN.subject.txt", "en-only/zh-CN.txt",
        "en-only/zh-CN.html");
    var studio = new dev.journeys.journey.StudioTemplateFiles() {
      @Override
      public boolean published(String file) {
        return published.contains(file);
      }

      @Override
      public boolean drafted(String file) {
        return file.startsWith("drafted/");
      }
    };
    var linter = new JourneyLinter(RULES.withTemplates("classpath:lint/templates/"), studio);
    assertThat(lint(linter, "missing-template-locale.bpmn")).as("zh-CN published in the studio").isEmpty();

    byte[] drafted = bpmn("missing-template-locale.bpmn").replace("value=\"en-only\"", "value=\"drafted\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<LintFinding> findings = linter.lint("drafted.bpmn", drafted);
    assertThat(findings).hasSize(6).allSatisfy(f -> assertThat(f.problem()).contains("is only a draft in the studio"));
    assertThat(findings).extracting(LintFinding::fix).contains("publish template drafted/zh-CN in the studio first");

    byte[] nowhere = bpmn("missing-template-locale.bpmn").replace("value=\"en-only\"", "value=\"nowhere\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(linter.lint("nowhere.bpmn", nowhere)).hasSize(6)
        .allSatisfy(f -> assertThat(f.problem()).contains("nowhere/").contains("does not exist"));
  }

  private static String bpmn(String name) {
    try (InputStream in = JourneyLinterTest.class.getResourceAsStream("/lint/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void sendMessageHeadersNeedKnownValues() {
    List<LintFinding> findings = lint("missing-purpose.bpmn");

    assertThat(findings).extracting(LintFinding::elementId).containsOnly("send_no_purpose");
    assertThat(findings).extracting(LintFinding::fix).containsExactly(
        "add a zeebe:header 'purpose' with value transactional or marketing",
        "add a zeebe:header 'channels' with value e.g. email or email,sms");
    assertThat(findings.get(1).problem()).contains("but it is 'email,fax'");
  }

  @Test
  void aMessageNothingPublishesIsAnError() {
    LintFinding finding = onlyFinding("unknown-message.bpmn");

    assertThat(finding.elementId()).isEqualTo("wait_for_refund");
    assertThat(finding.problem()).contains("nothing publishes 'refund-issued'");
    assertThat(finding.fix()).contains("shipment-updated", "order-cancelled", "customer-erased");
  }

  @Test
  void aMessageCatchWithoutCorrelationKeyIsAnError() {
    LintFinding finding = onlyFinding("missing-correlation-key.bpmn");

    assertThat(finding.elementId()).isEqualTo("wait_for_shipment");
    assertThat(finding.problem())
        .isEqualTo("Expected a correlation key, but message 'shipment-updated' has no "
            + "zeebe:subscription correlationKey.");
  }

  @Test
  void aFeelExpressionThatDoesNotParseNamesItsTask() {
    LintFinding finding = onlyFinding("bad-feel.bpmn");

    assertThat(finding.elementId()).isEqualTo("send_confirmation");
    assertThat(finding.problem())
        .startsWith("Expected a FEEL expression in source, but 'orderId +' does not parse");
  }

  @Test
  void aTimerThatDoesNotParseIsAnError() {
    LintFinding finding = onlyFinding("bad-timer.bpmn");

    assertThat(finding.elementId()).isEqualTo("wait_a_day");
    assertThat(finding.problem())
        .startsWith("Expected a valid timeDuration, but 'P1 day' does not parse (");
    assertThat(finding.fix()).contains("PT10S");
  }

  @Test
  void anElementTheEngineDoesNotExecuteIsAnError() {
    LintFinding finding = onlyFinding("user-task.bpmn");

    assertThat(finding.elementId()).isEqualTo("review_order");
    assertThat(finding.problem())
        .isEqualTo("Expected an element the embedded engine executes, but found a userTask.");
  }

  /** Signals run on the embedded engine: start, catch, boundary, event subprocess, throw and end events. */
  @Test
  void signalEventsHaveNoFindings() {
    var model = io.camunda.zeebe.model.bpmn.Bpmn.createExecutableProcess("holiday-delays")
        .eventSubProcess("stop", e -> e.startEvent("stop-start").interrupting(false).signal("stop-marketing").endEvent())
        .startEvent("delays-start").signal("holiday-delays")
        .subProcess("wait", sub -> sub.embeddedSubProcess().startEvent().intermediateCatchEvent("resume").signal("resume")
            .endEvent())
        .boundaryEvent("cancelled", b -> b.cancelActivity(true).signal("=\"cancel-\" + region")).endEvent()
        .moveToActivity("wait").intermediateThrowEvent("tell", t -> t.signal("delays-told"))
        .endEvent("done", end -> end.signal("delays-over")).done();

    List<LintFinding> findings = new JourneyLinter(RULES).lint("signals.bpmn",
        io.camunda.zeebe.model.bpmn.Bpmn.convertToString(model).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(findings).isEmpty();
  }

  /** Inclusive gateways and escalation events are executed by the embedded engine, so lint lets them pass. */
  @Test
  void inclusiveGatewaysAndEscalationEventsAreNoFindings() {
    var model = io.camunda.zeebe.model.bpmn.Bpmn.createExecutableProcess("escalating")
        .eventSubProcess("on-lost", sub -> sub.startEvent("lost", s -> s.escalation("LOST").interrupting(false)).endEvent())
        .startEvent()
        .inclusiveGateway("fork")
        .conditionExpression("email").subProcess("deliver", sub -> sub.embeddedSubProcess().startEvent()
            .intermediateThrowEvent("late", e -> e.escalation("LATE"))
            .endEvent("lost-parcel", e -> e.escalation("LOST")))
        .inclusiveGateway("join").endEvent()
        .moveToNode("fork")
        .conditionExpression("sms").connectTo("join")
        .moveToActivity("deliver")
        .boundaryEvent("on-late", b -> b.escalation("LATE").cancelActivity(false)).endEvent()
        .done();

    var findings = new JourneyLinter(RULES).lint("escalating.bpmn",
        io.camunda.zeebe.model.bpmn.Bpmn.convertToString(model).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(findings).isEmpty();
  }

  @Test
  void aMultiInstanceActivityIsNoFinding() {
    String multiInstance = io.camunda.zeebe.model.bpmn.Bpmn.convertToString(
        io.camunda.zeebe.model.bpmn.Bpmn.createExecutableProcess("per-item").startEvent()
            .subProcess("each", sub -> sub.multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items")))
            .embeddedSubProcess().startEvent().endEvent().subProcessDone()
            .endEvent().done());

    assertThat(new JourneyLinter(RULES).lint("per-item.bpmn", multiInstance.getBytes()))
        .filteredOn(finding -> finding.elementId().equals("each")).isEmpty();
  }

  @Test
  void malformedXmlIsOneFindingForTheFile() {
    var linter = new JourneyLinter(RULES);

    List<LintFinding> findings = linter.lint("broken.bpmn", "<definitions".getBytes());

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.elementId()).isEqualTo("broken.bpmn");
      assertThat(finding.problem()).startsWith("Expected BPMN 2.0 XML, but it does not parse");
    });
  }
}
