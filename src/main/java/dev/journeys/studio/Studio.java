package dev.journeys.studio;

import dev.journeys.journey.JourneyLint;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What a marketer does in the studio: save a draft of a journey, lint it, see what it changes
 * against the running version, publish it as the journey's next version, and roll back by
 * publishing an earlier version again. Publishing deploys through the Camunda client, so it works
 * the same on the embedded engine and on a Camunda 8 cluster; new orders start the new version,
 * running journeys stay on theirs. Every change is audited.
 */
@Service
public class Studio {

  private static final Logger log = LoggerFactory.getLogger(Studio.class);
  private static final long DEPLOY_TIMEOUT_SECONDS = 30;

  /** A version just published. */
  record Published(String processId, int version, long key, boolean unchanged, List<ElementDiff.Change> changes) {}

  /** Publishing was refused: lint found errors (the engine never saw the model). */
  static final class LintRefused extends RuntimeException {
    final List<JourneyLint.Finding> findings;

    LintRefused(String processId, List<JourneyLint.Finding> findings) {
      super("Expected a journey without lint errors before publishing " + processId + ", but lint found "
          + findings.stream().filter(JourneyLint.Finding::isError).count() + " error(s)");
      this.findings = findings;
    }
  }

  /** The journey moved on since the marketer opened it: publishing would drop the newer version's changes. */
  static final class Outdated extends RuntimeException {
    Outdated(String processId, int opened, int latest) {
      super("Expected to publish " + processId + " over version " + opened + ", which this model was opened from, but "
          + "version " + latest + " has been published since: open it and make the change again, or publish anyway");
    }
  }

  private final CamundaClient client;
  private final JourneyVersions versions;
  private final Drafts drafts;
  private final StudioAudit audit;
  private final JourneyLint lint;
  private final Clock clock;

  Studio(CamundaClient client, JourneyVersions versions, Drafts drafts, StudioAudit audit, JourneyLint lint,
      Clock clock) {
    this.client = client;
    this.versions = versions;
    this.drafts = drafts;
    this.audit = audit;
    this.lint = lint;
    this.clock = clock;
  }

  List<JourneyLint.Finding> lint(String processId, String xml) {
    return lint.lint(processId + ".bpmn", xml.getBytes(StandardCharsets.UTF_8));
  }

  /** Keeps the model as the journey's draft; {@code openedVersion} (else the latest) is the version it started from. */
  Drafts.Draft saveDraft(String processId, String xml, String actor, Integer openedVersion) {
    requireProcess(processId, xml);
    Integer base = openedVersion != null ? openedVersion
        : versions.latest(processId).map(JourneyVersions.Version::version).orElse(null);
    var draft = new Drafts.Draft(processId, xml, base, actor, clock.instant());
    drafts.save(draft);
    long errors = lint(processId, xml).stream().filter(JourneyLint.Finding::isError).count();
    audit.record(processId, StudioAudit.Action.DRAFT_SAVED, actor, draft.savedAt(), null,
        "draft saved" + (base == null ? "" : " (from version " + base + ")")
            + (errors == 0 ? "" : ", " + errors + " lint error(s)"));
    return draft;
  }

  boolean discardDraft(String processId, String actor) {
    if (drafts.find(processId).isEmpty()) {
      return false;
    }
    drafts.delete(processId);
    audit.record(processId, StudioAudit.Action.DRAFT_DISCARDED, actor, clock.instant(), null, "draft discarded");
    return true;
  }

  Optional<Drafts.Draft> draft(String processId) {
    return drafts.find(processId);
  }

  /** What the XML changes against the latest deployed version (everything added when none is). */
  List<ElementDiff.Change> diff(String processId, String xml) {
    Optional<JourneyVersions.Version> running = versions.latest(processId);
    String before = running.map(v -> versions.xml(v.key()))
        .orElse("<definitions xmlns=\"" + BpmnDocument.MODEL + "\"/>");
    return ElementDiff.between(before, xml);
  }

  /**
   * Publishes the model as the journey's next version.
   *
   * @param openedVersion the version the model was opened from (null: not known, no check); when
   *     another has been published since, {@link Outdated} unless {@code anyway}
   */
  Published publish(String processId, String xml, String actor, Integer openedVersion, boolean anyway) {
    if (openedVersion != null && !anyway) {
      versions.latest(processId).filter(latest -> latest.version() != openedVersion).ifPresent(latest -> {
        throw new Outdated(processId, openedVersion, latest.version());
      });
    }
    Published published = deploy(processId, xml);
    drafts.delete(processId);
    audit.record(processId, StudioAudit.Action.PUBLISHED, actor, clock.instant(), published.version(),
        published.unchanged()
            ? "nothing changed: version " + published.version() + " stays the latest"
            : "published version " + published.version() + describe(published.changes()));
    return published;
  }

  /** Publishes an earlier version's BPMN again, as the journey's newest version. */
  Published rollBack(String processId, int toVersion, String actor) {
    JourneyVersions.Version earlier = versions.version(processId, toVersion).orElseThrow(() ->
        new IllegalArgumentException("Expected a deployed version " + toVersion + " of " + processId
            + ", but there is none"));
    Published published = deploy(processId, versions.xml(earlier.key()));
    audit.record(processId, StudioAudit.Action.ROLLED_BACK, actor, clock.instant(), published.version(),
        "rolled back to version " + toVersion + ": published again as version " + published.version()
            + describe(published.changes()));
    return published;
  }

  private Published deploy(String processId, String xml) {
    requireProcess(processId, xml);
    List<JourneyLint.Finding> findings = lint(processId, xml);
    if (findings.stream().anyMatch(JourneyLint.Finding::isError)) {
      throw new LintRefused(processId, findings);
    }
    Optional<JourneyVersions.Version> before = versions.latest(processId);
    List<ElementDiff.Change> changes = diff(processId, xml);
    DeploymentEvent event = client.newDeployResourceCommand()
        .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), processId + ".bpmn")
        .send().join(DEPLOY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Process process = event.getProcesses().stream().filter(p -> p.getBpmnProcessId().equals(processId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("Expected the deployment to contain process " + processId
            + ", but it has " + event.getProcesses().stream().map(Process::getBpmnProcessId).toList()));
    boolean unchanged = before.isPresent() && before.get().key() == process.getProcessDefinitionKey();
    log.info("Studio published {} version {} (key {}){}", processId, process.getVersion(),
        process.getProcessDefinitionKey(), unchanged ? ": unchanged" : "");
    return new Published(processId, process.getVersion(), process.getProcessDefinitionKey(), unchanged,
        unchanged ? List.of() : changes);
  }

  private static void requireProcess(String processId, String xml) {
    List<String> ids = BpmnDocument.parse(xml).processIds();
    if (!ids.contains(processId)) {
      throw new IllegalArgumentException("Expected the BPMN to define process '" + processId
          + "' (the journey being edited), but it defines " + ids);
    }
  }

  private static String describe(List<ElementDiff.Change> changes) {
    if (changes.isEmpty()) {
      return "";
    }
    return "; " + changes.stream().limit(20).map(c -> c.change() + " " + c.elementId())
        .collect(Collectors.joining(", ")) + (changes.size() > 20 ? ", …" : "");
  }
}
