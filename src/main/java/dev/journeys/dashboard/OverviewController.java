package dev.journeys.dashboard;

import dev.journeys.notify.MessageHistory;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The overview (every journey with its diagram and counts, today's messages) and one journey. */
@Controller
class OverviewController {

  /**
   * One journey version as the overview shows it.
   *
   * @param incidentRate the share of running instances stuck in an open incident
   */
  record JourneyCard(ProcessDefinition definition, long active, long incidents, double incidentRate, String svg,
      java.time.Instant countedAt, List<VersionCount> versions) {}

  /** How many instances run on one version of a journey: a new version takes new instances only. */
  record VersionCount(ProcessDefinition definition, long active) {}

  /** One kind of data and how long it is kept; {@code days} 0 is for ever. */
  record Kept(String kind, String what, long days) {}

  /** What each kind of data the purge knows is, in an operator's words. */
  private static final java.util.Map<String, String> KINDS = java.util.Map.of(
      "webhook-payloads", "raw shop webhook bodies (they hold contact data; needed only to retry an event)",
      "sandbox-messages", "copies of what the sandbox would have sent",
      "message-records", "message records: what was decided and sent for each step, the results' facts");

  private final EngineReads engine;
  private final JourneyCounts counts;
  private final MessageHistory messages;
  private final Clock clock;
  private final List<Kept> kept;
  private final boolean purging;

  OverviewController(EngineReads engine, JourneyCounts counts, MessageHistory messages, Clock clock,
      dev.journeys.storage.Retention retention,
      @org.springframework.beans.factory.annotation.Value("${journeys.engine.mode:embedded}") String mode,
      @org.springframework.beans.factory.annotation.Value("${journeys.engine.history-retention:396d}") java.time.Duration engineHistory) {
    this.engine = engine;
    this.counts = counts;
    this.messages = messages;
    this.clock = clock;
    this.purging = retention.enabled();
    List<Kept> kinds = new java.util.ArrayList<>(retention.kept().entrySet().stream()
        .map(e -> new Kept(e.getKey(), KINDS.getOrDefault(e.getKey(), e.getKey()), Math.max(0, e.getValue().toDays())))
        .toList());
    if (!"camunda".equals(mode)) {
      kinds.add(new Kept("engine-history", "finished journeys' history in the embedded engine (instance pages, funnel)",
          Math.max(0, engineHistory.toDays())));
    }
    this.kept = List.copyOf(kinds);
  }

  @GetMapping("/")
  String home() {
    return "redirect:/dashboard";
  }

  @GetMapping("/dashboard")
  String overview(Model model) {
    List<ProcessDefinition> all = engine.allDefinitions();
    List<JourneyCard> journeys = engine.latestJourneys().stream().map(d -> card(d, all)).toList();
    var today = messages.countsSince(LocalDate.now(clock).atStartOfDay(ZoneOffset.UTC).toInstant());
    long decided = today.stream().mapToLong(MessageHistory.ChannelCount::total).sum();
    long rejected = today.stream().mapToLong(MessageHistory.ChannelCount::rejected).sum();
    model.addAttribute("journeys", journeys);
    model.addAttribute("channels", today);
    model.addAttribute("messageFailureRate", decided == 0 ? 0.0 : (double) rejected / decided);
    model.addAttribute("kept", kept);
    model.addAttribute("purging", purging);
    model.addAttribute("page", "overview");
    return "dashboard/overview";
  }

  @GetMapping("/dashboard/journeys/{key}")
  String journey(@PathVariable long key, Model model) {
    ProcessDefinition definition = engine.definition(key).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "Expected a deployed journey with key " + key + ", but there is none"));
    model.addAttribute("journey", card(definition, engine.allDefinitions()));
    model.addAttribute("page", "overview");
    return "dashboard/journey";
  }

  private JourneyCard card(ProcessDefinition definition, List<ProcessDefinition> all) {
    long key = definition.getProcessDefinitionKey();
    JourneyCounts.Counts now = counts.of(key);
    long stuck = now.overlay().incidents().values().stream().mapToLong(Long::longValue).sum();
    List<VersionCount> versions = all.stream()
        .filter(d -> d.getProcessDefinitionId().equals(definition.getProcessDefinitionId()))
        .sorted(java.util.Comparator.comparing(ProcessDefinition::getVersion).reversed())
        .map(d -> new VersionCount(d, d.getProcessDefinitionKey() == key ? now.active()
            : counts.of(d.getProcessDefinitionKey()).active()))
        .toList();
    return new JourneyCard(definition, now.active(), now.incidents(),
        now.active() == 0 ? 0.0 : (double) stuck / now.active(), engine.diagram(key).render(now.overlay()),
        java.time.Instant.ofEpochMilli(now.countedAtMillis()), versions);
  }
}
