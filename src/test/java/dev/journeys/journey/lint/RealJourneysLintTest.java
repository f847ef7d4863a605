package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.LintFinding;
import dev.journeys.journey.lint.LintRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journeys in bpmn/ lint clean, so a broken edit fails the build before it fails start-up. */
class RealJourneysLintTest {

  @Test
  void everyJourneyInBpmnHasNoErrors() throws IOException {
    var linter = new JourneyLinter(LintRules.ofApplication());
    List<Path> files;
    try (var listing = Files.list(Path.of("bpmn"))) {
      files = listing.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(files).isNotEmpty();

    for (Path file : files) {
      List<LintFinding> findings =
          linter.lint(file.getFileName().toString(), Files.readAllBytes(file));
      assertThat(findings).as("lint of " + file).filteredOn(LintFinding::isError).isEmpty();
    }
  }

  @Test
  void theRulesKnowTheApplicationsWorkersAndMessages() {
    LintRules rules = LintRules.ofApplication();

    assertThat(rules.workerTypes()).contains("send-message", "open-support-ticket");
    assertThat(rules.messageNames()).containsExactlyInAnyOrder(
        "shipment-updated", "carrier-issue-reported", "order-cancelled", "feedback-received",
        "first-order-placed", "first-order-changed", "customer-erased");
  }
}
