package dev.journeys.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.journeys.journey.JourneyLint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The studio's API, called by its page in the dashboard (and by anyone with the marketer role):
 * BPMN goes in and out as XML text, everything else as JSON.
 */
@RestController
@RequestMapping("/api/studio")
class StudioController {

  private static final String JOURNEY = "[A-Za-z_][A-Za-z0-9_.-]{0,254}";

  record JourneyView(String processId, List<JourneyVersions.Version> versions, DraftView draft,
      List<StudioAudit.Entry> audit) {}

  record DraftView(Integer baseVersion, String savedBy, Instant savedAt) {}

  record LintView(int errors, int warnings, List<JourneyLint.Finding> findings) {
    static LintView of(List<JourneyLint.Finding> findings) {
      int errors = (int) findings.stream().filter(JourneyLint.Finding::isError).count();
      return new LintView(errors, findings.size() - errors, findings);
    }
  }

  private final Studio studio;
  private final JourneyVersions versions;
  private final StudioAudit audit;
  private final ElementTemplates templates;

  StudioController(Studio studio, JourneyVersions versions, StudioAudit audit, ElementTemplates templates) {
    this.studio = studio;
    this.versions = versions;
    this.audit = audit;
    this.templates = templates;
  }

  @GetMapping("/journeys/{processId}")
  JourneyView journey(@PathVariable String processId) {
    check(processId);
    var draft = studio.draft(processId).map(d -> new DraftView(d.baseVersion(), d.savedBy(), d.savedAt())).orElse(null);
    return new JourneyView(processId, versions.of(processId), draft, audit.of(processId, 50));
  }

  /** A deployed version's BPMN, the latest when no version is given. */
  @GetMapping(value = "/journeys/{processId}/xml", produces = MediaType.APPLICATION_XML_VALUE)
  String deployed(@PathVariable String processId, @RequestParam(required = false) Integer version) {
    check(processId);
    var found = version == null ? versions.latest(processId) : versions.version(processId, version);
    var v = found.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Expected a deployed "
        + (version == null ? "version" : "version " + version) + " of journey " + processId + ", but there is none"));
    return versions.xml(v.key());
  }

  @GetMapping(value = "/journeys/{processId}/draft", produces = MediaType.APPLICATION_XML_VALUE)
  String draft(@PathVariable String processId) {
    check(processId);
    return studio.draft(processId).map(Drafts.Draft::xml).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "Expected a draft of journey " + processId + ", but there is none"));
  }

  @PutMapping(value = "/journeys/{processId}/draft", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
      MediaType.TEXT_PLAIN_VALUE})
  DraftView saveDraft(@PathVariable String processId, @RequestBody String xml,
      @RequestParam(required = false) Integer openedVersion, Authentication who) {
    check(processId);
    var draft = studio.saveDraft(processId, xml, who.getName(), openedVersion);
    return new DraftView(draft.baseVersion(), draft.savedBy(), draft.savedAt());
  }

  @DeleteMapping("/journeys/{processId}/draft")
  ResponseEntity<Void> discardDraft(@PathVariable String processId, Authentication who) {
    check(processId);
    return studio.discardDraft(processId, who.getName()) ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  /** Lint findings of posted BPMN, each naming the element it concerns. */
  @PostMapping(value = "/journeys/{processId}/lint", consumes = {MediaType.APPLICATION_XML_VALUE,
      MediaType.TEXT_XML_VALUE, MediaType.TEXT_PLAIN_VALUE})
  LintView lint(@PathVariable String processId, @RequestBody String xml) {
    check(processId);
    return LintView.of(studio.lint(processId, xml));
  }

  /** What posted BPMN changes against the journey's latest deployed version. */
  @PostMapping(value = "/journeys/{processId}/diff", consumes = {MediaType.APPLICATION_XML_VALUE,
      MediaType.TEXT_XML_VALUE, MediaType.TEXT_PLAIN_VALUE})
  List<ElementDiff.Change> diff(@PathVariable String processId, @RequestBody String xml) {
    check(processId);
    return studio.diff(processId, xml);
  }

  @PostMapping(value = "/journeys/{processId}/publish", consumes = {MediaType.APPLICATION_XML_VALUE,
      MediaType.TEXT_XML_VALUE, MediaType.TEXT_PLAIN_VALUE})
  ResponseEntity<Studio.Published> publish(@PathVariable String processId, @RequestBody String xml,
      @RequestParam(required = false) Integer openedVersion, @RequestParam(defaultValue = "false") boolean anyway,
      Authentication who) {
    check(processId);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(studio.publish(processId, xml, who.getName(), openedVersion, anyway));
  }

  @PostMapping("/journeys/{processId}/rollback")
  ResponseEntity<Studio.Published> rollBack(@PathVariable String processId, @RequestParam int version,
      Authentication who) {
    check(processId);
    return ResponseEntity.status(HttpStatus.CREATED).body(studio.rollBack(processId, version, who.getName()));
  }

  @GetMapping("/journeys/{processId}/audit")
  List<StudioAudit.Entry> audit(@PathVariable String processId, @RequestParam(defaultValue = "50") int limit) {
    check(processId);
    return audit.of(processId, Math.max(1, Math.min(limit, 500)));
  }

  /** The element templates the editor offers (send-message, open-support-ticket). */
  @GetMapping("/element-templates")
  ArrayNode elementTemplates() {
    return templates.all();
  }

  @ExceptionHandler(Studio.LintRefused.class)
  ResponseEntity<Map<String, Object>> refused(Studio.LintRefused e) {
    return ResponseEntity.unprocessableEntity().body(Map.of("error", e.getMessage(), "lint", LintView.of(e.findings)));
  }

  @ExceptionHandler(Studio.Outdated.class)
  ResponseEntity<Map<String, Object>> outdated(Studio.Outdated e) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("error", e.getMessage());
    body.put("openedVersion", e.opened);
    body.put("latestVersion", e.latest);
    body.put("publishedBy", e.publishedBy);
    body.put("publishedAt", e.publishedAt);
    body.put("draftKept", e.draftKept);
    return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> invalid(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  private static void check(String processId) {
    if (!processId.matches(JOURNEY)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Expected a BPMN process id as the journey, but it is '"
          + processId + "'");
    }
  }
}
