package dev.journeys.studio;

import dev.journeys.journey.JourneyLint;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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

  /**
   * The journey moved on since the marketer opened it (another marketer published first, or a
   * deployment from elsewhere): publishing would drop the newer version's changes. The refused
   * model is kept as the journey's draft when no one else's draft is there ({@code draftKept}).
   */
  static final class Outdated extends RuntimeException {
    final String processId;
    final int opened;
    final int latest;
    final String publishedBy;
    final Instant publishedAt;
    final boolean draftKept;

    Outdated(String processId, int opened, int latest, String publishedBy, Instant publishedAt, boolean draftKept) {
      super("Expected to publish journey " + processId + " over version " + opened + ", which this model was opened "
          + "from, but version " + latest + " was published by " + (publishedBy == null
              ? "a deployment outside the studio" : publishedBy + " at " + publishedAt)
          + " since: reload it and make your change again" + (draftKept ? " (your model is kept as the draft)" : "")
          + ", or publish anyway to replace it");
      this.processId = processId;
      this.opened = opened;
      this.latest = latest;
      this.publishedBy = publishedBy;
      this.publishedAt = publishedAt;
      this.draftKept = draftKept;
    }
  }

  private final CamundaClient client;
  private final JourneyVersions versions;
  private final Drafts drafts;
  private final StudioAudit audit;
  private final JourneyLint lint;
  private final PublishLocks locks;
  private final Clock clock;

  Studio(CamundaClient client, JourneyVersions versions, Drafts drafts, StudioAudit audit, JourneyLint lint,
      PublishLocks locks, Clock clock) {
    this.client = client;
    this.locks = locks;
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
   * Publishes the model as the journey's next version. Publishes of one journey are taken one at a
   * time ({@link PublishLocks}), so of two marketers publishing from the same version at once one
   * publishes and the other gets {@link Outdated}.
   *
   * @param openedVersion the version the model was opened from (null: not known, no check); when
   *     another has been published since, {@link Outdated} unless {@code anyway}
   */
  Published publish(String processId, String xml, String actor, Integer openedVersion, boolean anyway) {
    requireLintClean(processId, xml);
    record Refused(int latest, String by, Instant at) {}
    Object outcome = locks.holding(processId, last -> {
      Optional<JourneyVersions.Version> running = versions.latest(processId);
      int latest = Math.max(running.map(JourneyVersions.Version::version).orElse(0),
          last.map(PublishLocks.Last::version).orElse(0));
      if (openedVersion != null && !anyway && latest != 0 && latest != openedVersion) {
        Optional<PublishLocks.Last> byStudio = last.filter(l -> l.version() == latest);
        return new Refused(latest, byStudio.map(PublishLocks.Last::by).orElse(null),
            byStudio.map(PublishLocks.Last::at).orElse(null));
      }
      Published published = deploy(processId, xml, running);
      Instant now = clock.instant();
      locks.published(processId, published.version(), actor, now);
      audit.record(processId, StudioAudit.Action.PUBLISHED, actor, now, published.version(),
          published.unchanged()
              ? "nothing changed: version " + published.version() + " stays the latest"
              : "published version " + published.version() + describe(published.changes()));
      return published;
    });
    if (outcome instanceof Refused refused) {
      boolean kept = keepRefused(processId, xml, actor, openedVersion);
      throw new Outdated(processId, openedVersion, refused.latest(), refused.by(), refused.at(), kept);
    }
    Published published = (Published) outcome;
    // The draft is done with when it is what was published (or the publisher's own); another's stays.
    drafts.find(processId).filter(d -> d.savedBy().equals(actor) || d.xml().equals(xml))
        .ifPresent(d -> drafts.delete(processId));
    return published;
  }

  /** Publishes an earlier version's BPMN again, as the journey's newest version. */
  Published rollBack(String processId, int toVersion, String actor) {
    JourneyVersions.Version earlier = versions.version(processId, toVersion).orElseThrow(() ->
        new IllegalArgumentException("Expected a deployed version " + toVersion + " of " + processId
            + ", but there is none"));
    String xml = versions.xml(earlier.key());
    requireLintClean(processId, xml);
    return locks.holding(processId, last -> {
      Published published = deploy(processId, xml, versions.latest(processId));
      Instant now = clock.instant();
      locks.published(processId, published.version(), actor, now);
      audit.record(processId, StudioAudit.Action.ROLLED_BACK, actor, now, published.version(),
          "rolled back to version " + toVersion + ": published again as version " + published.version()
              + describe(published.changes()));
      return published;
    });
  }

  /** A model refused as outdated is kept as the draft, unless someone else's draft is there. */
  private boolean keepRefused(String processId, String xml, String actor, int openedVersion) {
    Optional<Drafts.Draft> draft = drafts.find(processId);
    if (draft.isPresent() && !draft.get().savedBy().equals(actor) && !draft.get().xml().equals(xml)) {
      return false;
    }
    drafts.save(new Drafts.Draft(processId, xml, openedVersion, actor, clock.instant()));
    audit.record(processId, StudioAudit.Action.DRAFT_SAVED, actor, clock.instant(), null,
        "publish refused (version " + openedVersion + " is outdated): the model is kept as the draft");
    return true;
  }

  private void requireLintClean(String processId, String xml) {
    requireProcess(processId, xml);
    List<JourneyLint.Finding> findings = lint(processId, xml);
    if (findings.stream().anyMatch(JourneyLint.Finding::isError)) {
      throw new LintRefused(processId, findings);
    }
  }

  /** Deploys lint-clean XML; {@code before} is the latest version before it. */
  private Published deploy(String processId, String xml, Optional<JourneyVersions.Version> before) {
    String running = before.map(v -> versions.xml(v.key()))
        .orElse("<definitions xmlns=\"" + BpmnDocument.MODEL + "\"/>");
    List<ElementDiff.Change> changes = ElementDiff.between(running, xml);
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
