package dev.journeys.studio;

import dev.journeys.notify.EmailMasking;
import dev.journeys.notify.MessageTemplates;
import dev.journeys.notify.PhoneNumbers;
import dev.journeys.notify.Purpose;
import dev.journeys.notify.RenderedMessage;
import dev.journeys.security.UserEmails;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
 * The studio's message template API (role marketer, as all of /api/studio): list, read a locale's
 * files (packaged, published, draft), save and discard drafts, preview with sample data or a real
 * order, send a test to oneself, publish, and the history. Every change goes to the studio audit
 * under "template:{name}/{locale}".
 */
@RestController
@RequestMapping("/api/studio/templates")
class TemplateStudioController {

  /**
   * What the editor posts to preview or test-send.
   *
   * @param parts the editor's texts by part (".html": "..."), unsaved; may be empty
   * @param orderId a real order to render with; empty: sample data
   * @param variant which sample facts (0..11: shipment statuses, delay reasons, carrier issues)
   * @param purpose transactional (default) or marketing
   */
  record Render(Map<String, String> parts, String orderId, Integer variant, String purpose) {}

  record Edit(Map<String, String> parts) {}

  /**
   * What the editor posts to publish (all optional).
   *
   * @param parts the editor's texts, published with the saved drafts
   * @param openedVersions part to the version the editor opened (0: packaged): a part published
   *     past it since is a conflict (409), and nothing is published
   */
  record Publish(Map<String, String> parts, Map<String, Integer> openedVersions) {}

  record LocaleView(String template, String locale, List<MessageTemplates.File> files,
      List<MessageTemplates.Version> versions, List<StudioAudit.Entry> audit) {}

  /** A test sent: to whom (masked), the email's subject or the SMS's text. */
  record TestSent(String sentTo, String subject, String text) {}

  record Published(List<MessageTemplates.Version> published) {}

  private final MessageTemplates templates;
  private final StudioAudit audit;
  private final UserEmails emails;
  private final Clock clock;

  TemplateStudioController(MessageTemplates templates, StudioAudit audit, UserEmails emails, Clock clock) {
    this.templates = templates;
    this.audit = audit;
    this.emails = emails;
    this.clock = clock;
  }

  @GetMapping
  List<MessageTemplates.Template> list() {
    return templates.templates();
  }

  @GetMapping("/{template}/{locale}")
  LocaleView get(@PathVariable String template, @PathVariable String locale) {
    return new LocaleView(template, locale, templates.files(template, locale), templates.history(template, locale),
        audit.of(what(template, locale), 50));
  }

  /** One version's text of one part: 0 is the packaged file. */
  @GetMapping(value = "/{template}/{locale}/text", produces = MediaType.TEXT_PLAIN_VALUE)
  String text(@PathVariable String template, @PathVariable String locale, @RequestParam String part,
      @RequestParam int version) {
    return templates.text(template, locale, part, version).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "Expected version " + version + " of " + template + "/" + locale + part
            + ", but there is none"));
  }

  @GetMapping("/{template}/{locale}/history")
  LocaleView history(@PathVariable String template, @PathVariable String locale) {
    return new LocaleView(template, locale, List.of(), templates.history(template, locale),
        audit.of(what(template, locale), 200));
  }

  @PutMapping("/{template}/{locale}/draft")
  LocaleView saveDraft(@PathVariable String template, @PathVariable String locale, @RequestBody Edit edit,
      Authentication who) {
    if (edit == null || edit.parts() == null || edit.parts().isEmpty()) {
      throw new IllegalArgumentException("Expected parts to hold at least one part's text, e.g. {\".html\": \"...\"}");
    }
    edit.parts().forEach((part, body) -> templates.saveDraft(template, locale, part, body, who.getName()));
    audit.record(what(template, locale), StudioAudit.Action.TEMPLATE_SAVED, who.getName(), clock.instant(), null,
        "parts " + String.join(", ", edit.parts().keySet()));
    return get(template, locale);
  }

  @DeleteMapping("/{template}/{locale}/draft")
  ResponseEntity<Void> discard(@PathVariable String template, @PathVariable String locale, Authentication who) {
    int discarded = templates.discardDrafts(template, locale);
    if (discarded == 0) {
      return ResponseEntity.notFound().build();
    }
    audit.record(what(template, locale), StudioAudit.Action.TEMPLATE_DISCARDED, who.getName(), clock.instant(), null,
        discarded + " part(s)");
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{template}/{locale}/preview")
  MessageTemplates.Preview preview(@PathVariable String template, @PathVariable String locale,
      @RequestBody(required = false) Render render) {
    Render r = render == null ? new Render(null, null, null, null) : render;
    return templates.preview(template, locale, parts(r), data(r));
  }

  /**
   * The template's email, rendered as the preview is, to the logged-in user's own address, marked as
   * a test; with {@code channel=sms} its SMS text to the user's own mobile number, through the SMS
   * provider.
   */
  @PostMapping("/{template}/{locale}/test-send")
  TestSent testSend(@PathVariable String template, @PathVariable String locale,
      @RequestBody(required = false) Render render, @RequestParam(defaultValue = "email") String channel,
      Authentication who) {
    Render r = render == null ? new Render(null, null, null, null) : render;
    String withOrder = r.orderId() == null || r.orderId().isBlank() ? "" : " with order " + r.orderId();
    if (!"email".equals(channel)) {
      String part = "." + channel + ".txt";
      if (!templates.testableTexts().contains(part)) {
        throw new IllegalArgumentException("Expected channel to be email or one of "
            + templates.testableTexts().stream().map(p -> p.substring(1, p.length() - 4)).sorted().toList()
            + ", but it is '" + channel + "'");
      }
      String phone = emails.phone(who).orElseThrow(() -> new IllegalArgumentException("Expected the user "
          + who.getName() + " to have a mobile number (the OIDC phone_number claim, or journeys.security.users[n].phone), "
          + "but none is known"));
      String text = templates.sendTestText(template, locale, part, parts(r), data(r), phone);
      String masked = PhoneNumbers.mask(phone);
      audit.record(what(template, locale), StudioAudit.Action.TEST_SENT, who.getName(), clock.instant(), null,
          channel + " to " + masked + withOrder);
      return new TestSent(masked, null, text);
    }
    String to = emails.of(who).orElseThrow(() -> new IllegalArgumentException("Expected the user " + who.getName()
        + " to have an email address (the OIDC email claim, or journeys.security.users[n].email), but none is known"));
    RenderedMessage sent = templates.sendTest(template, locale, parts(r), data(r), to);
    String masked = EmailMasking.mask(to);
    audit.record(what(template, locale), StudioAudit.Action.TEST_SENT, who.getName(), clock.instant(), null,
        "to " + masked + withOrder);
    return new TestSent(masked, sent.subject(), null);
  }

  /** The provider did not take a test (its answer, masked, says why). */
  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, Object>> notTaken(IllegalStateException e) {
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", e.getMessage()));
  }

  @PostMapping("/{template}/{locale}/publish")
  ResponseEntity<Published> publish(@PathVariable String template, @PathVariable String locale,
      @RequestBody(required = false) Publish request, Authentication who) {
    Map<String, String> texts = request == null || request.parts() == null ? Map.of() : request.parts();
    Map<String, Integer> opened = request == null || request.openedVersions() == null ? Map.of()
        : request.openedVersions();
    List<MessageTemplates.Version> published;
    try {
      published = templates.publish(template, locale, who.getName(), opened, texts);
    } catch (MessageTemplates.Conflict conflict) {
      if (conflict.draftKept()) {
        audit.record(what(template, locale), StudioAudit.Action.TEMPLATE_SAVED, who.getName(), clock.instant(), null,
            "publish refused (" + conflict.latest().part() + " v" + conflict.latest().version()
                + " was published since): parts " + String.join(", ", texts.keySet()) + " kept as the draft");
      }
      throw conflict;
    }
    if (published.isEmpty()) {
      throw new IllegalArgumentException("Expected a draft of " + template + "/" + locale
          + " to publish, but there is none: save the draft first");
    }
    Map<String, Integer> parts = new LinkedHashMap<>();
    published.forEach(v -> parts.put(v.part(), v.version()));
    audit.record(what(template, locale), StudioAudit.Action.TEMPLATE_PUBLISHED, who.getName(), clock.instant(),
        published.stream().mapToInt(MessageTemplates.Version::version).max().orElse(0),
        parts.entrySet().stream().map(e -> e.getKey() + " v" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(""));
    return ResponseEntity.status(HttpStatus.CREATED).body(new Published(published));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> invalid(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(MessageTemplates.Refused.class)
  ResponseEntity<Map<String, Object>> refused(MessageTemplates.Refused e) {
    return ResponseEntity.unprocessableEntity().body(Map.of("error", e.getMessage(), "problems", e.problems()));
  }

  @ExceptionHandler(MessageTemplates.Conflict.class)
  ResponseEntity<Map<String, Object>> conflict(MessageTemplates.Conflict e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.getMessage());
    body.put("part", e.latest().part());
    body.put("latestVersion", e.latest().version());
    body.put("publishedBy", e.latest().by());
    body.put("publishedAt", e.latest().at());
    body.put("draftKept", e.draftKept());
    return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(Map.of("error",
        "Expected a JSON body such as {\"parts\": {\".html\": \"...\"}, \"orderId\": null, \"variant\": 0}, but: "
            + e.getMostSpecificCause().getMessage()));
  }

  private static Map<String, String> parts(Render render) {
    return render.parts() == null ? Map.of() : render.parts();
  }

  private static MessageTemplates.Data data(Render render) {
    Purpose purpose;
    if (render.purpose() == null || render.purpose().isBlank()) {
      purpose = Purpose.TRANSACTIONAL;
    } else {
      try {
        purpose = Purpose.valueOf(render.purpose().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Expected purpose to be transactional or marketing, but it is '"
            + render.purpose() + "'");
      }
    }
    String orderId = render.orderId() == null || render.orderId().isBlank() ? null : render.orderId().strip();
    return new MessageTemplates.Data(orderId, render.variant() == null ? 0 : render.variant(), purpose);
  }

  private static String what(String template, String locale) {
    return "template:" + template + "/" + locale;
  }
}
