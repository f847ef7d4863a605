package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.Orders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * Message templates for the studio: what exists (packaged under templates/messages/, or published),
 * each file's packaged, published and draft text, drafts, publishing, a preview rendered by the
 * renderer that sends (strict variables, the same engine) with unpublished texts in front, and a
 * test email through the real transport. Names are checked here: a bad one is an
 * {@link IllegalArgumentException} naming the field.
 *
 * <p>A file is {@code {template}/{locale}{part}}; parts are {@link #PARTS} (and, for the shared
 * {@code _parts}, {@code .html} and {@code /{name}.txt}).
 */
@Service
public class MessageTemplates {

  /** The parts a message template may have: email subject, text and HTML, then a channel's own text. */
  public static final List<String> PARTS = List.of(".subject.txt", ".txt", ".html", ".sms.txt", ".push.txt",
      ".whatsapp.txt");
  /** The shared fragments every template may include. */
  public static final String SHARED = "_parts";

  private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}|" + SHARED);
  private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
  private static final Pattern SHARED_PART = Pattern.compile("\\.html|/[a-z][a-z0-9-]{0,30}\\.txt");
  private static final Pattern USES = Pattern.compile("but it uses '([^']+)'");
  private static final int MAX_BODY = 200_000;

  /** A template and the locales and parts it has. */
  public record Template(String name, Map<String, List<String>> locales) {}

  /** One file: its packaged text (null if none), its latest published version (0: the package) and its draft. */
  public record File(String part, String packaged, int version, String published, String publishedBy,
      Instant publishedAt, String draft, String draftBy, Instant draftAt) {

    /** What the editor starts from: the draft, else the published text, else the packaged one. */
    public String current() {
      return draft != null ? draft : published != null ? published : packaged;
    }
  }

  /** A published version of a file (a listing: no text). */
  public record Version(String part, int version, String by, Instant at) {}

  /** The data a preview renders with: sample data (a variant of the journey facts) or a real order. */
  public record Data(String orderId, int variant, Purpose purpose) {}

  /**
   * One rendered part.
   *
   * @param text as the channel sends it (an SMS on one line, a subject on one line)
   * @param figures an SMS's segments, a push's lengths; empty for email parts
   */
  public record Part(String part, String text, Map<String, Object> figures) {}

  /**
   * A problem of the preview: a part that failed to render (a strict-variable error names the
   * variable) or renders too long.
   */
  public record Problem(String part, String message, String variable) {}

  /**
   * @param data what the preview rendered with, e.g. "sample data (variant 0)" or "order #1001"
   * @param variables the variables the template may use
   */
  public record Preview(String template, String locale, String data, List<Part> parts, List<Problem> problems,
      List<String> variables) {}

  /** A publish refused: the drafts do not render with sample data (as a transactional or a marketing message). */
  public static final class Refused extends RuntimeException {

    private final transient List<Problem> problems;

    Refused(String what, List<Problem> problems) {
      super("Expected " + what + " to render with sample data before it is published, but: "
          + problems.stream().map(p -> p.part() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  private final MessageRenderer renderer;
  private final MessageModel models;
  private final TemplateVersions versions;
  private final Recipients recipients;
  private final Orders orders;
  private final UnsubscribeLinks unsubscribe;
  private final Map<String, TextPreview> channelTexts = new HashMap<>();
  private final TestEmails testEmails;
  private final Map<String, TestTexts> testTexts = new HashMap<>();
  private final Map<String, Map<String, String>> packaged = scan();

  MessageTemplates(MessageRenderer renderer, MessageModel models, TemplateVersions versions, Recipients recipients,
      Orders orders, UnsubscribeLinks unsubscribe, List<TextPreview> channelTexts, TestEmails testEmails,
      List<TestTexts> testTexts) {
    testTexts.forEach(t -> this.testTexts.put(t.suffix(), t));
    this.renderer = renderer;
    this.models = models;
    this.versions = versions;
    this.recipients = recipients;
    this.orders = orders;
    this.unsubscribe = unsubscribe;
    this.testEmails = testEmails;
    channelTexts.forEach(t -> this.channelTexts.put(t.suffix(), t));
  }

  /** Every template, packaged or published, with its locales and parts. */
  public List<Template> templates() {
    Map<String, Map<String, TreeSet<String>>> all = new TreeMap<>();
    packaged.forEach((template, files) -> files.keySet().forEach(file -> add(all, template, file)));
    for (String path : versions.publishedPaths()) {
      int slash = path.indexOf('/');
      add(all, path.substring(0, slash), path.substring(slash + 1));
    }
    List<Template> templates = new ArrayList<>();
    all.forEach((name, locales) -> {
      Map<String, List<String>> parts = new TreeMap<>();
      locales.forEach((locale, set) -> parts.put(locale, set.stream().sorted(MessageTemplates::byPart).toList()));
      templates.add(new Template(name, parts));
    });
    return templates;
  }

  /** A template locale's files: every part it has (packaged, published or drafted). */
  public List<File> files(String template, String locale) {
    check(template, locale);
    Map<String, String> inPackage = packaged.getOrDefault(template, Map.of());
    Map<String, TemplateVersions.Draft> drafts = new HashMap<>();
    versions.drafts(template, locale).forEach(d -> drafts.put(d.part(), d));
    TreeSet<String> parts = new TreeSet<>(MessageTemplates::byPart);
    inPackage.keySet().stream().filter(f -> localeOf(f).equals(locale)).map(f -> f.substring(locale.length()))
        .forEach(parts::add);
    parts.addAll(drafts.keySet());
    versions.publishedPaths().stream().filter(p -> p.startsWith(template + "/" + locale))
        .map(p -> p.substring(template.length() + 1))
        .filter(f -> localeOf(f).equals(locale)).map(f -> f.substring(locale.length())).forEach(parts::add);
    List<File> files = new ArrayList<>();
    for (String part : parts) {
      Optional<TemplateVersions.Version> published = versions.latest(template, locale, part);
      TemplateVersions.Draft draft = drafts.get(part);
      files.add(new File(part, inPackage.get(locale + part), published.map(TemplateVersions.Version::version).orElse(0),
          published.map(TemplateVersions.Version::body).orElse(null),
          published.map(TemplateVersions.Version::createdBy).orElse(null),
          published.map(TemplateVersions.Version::createdAt).orElse(null),
          draft == null ? null : draft.body(), draft == null ? null : draft.savedBy(),
          draft == null ? null : draft.savedAt()));
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("Expected template to be one that exists in locale " + locale
          + ", but '" + template + "' has no files in it");
    }
    return files;
  }

  /** The text of one published version of a file (0: the packaged one). */
  public Optional<String> text(String template, String locale, String part, int version) {
    checkPart(template, locale, part);
    return version == 0 ? Optional.ofNullable(packaged.getOrDefault(template, Map.of()).get(locale + part))
        : versions.version(template, locale, part, version).map(TemplateVersions.Version::body);
  }

  /** Keeps a file's draft (one per file, whoever saved it last). */
  public void saveDraft(String template, String locale, String part, String body, String actor) {
    checkBody(template, locale, part, body);
    versions.saveDraft(template, locale, part, body, actor);
  }

  private static void checkBody(String template, String locale, String part, String body) {
    checkPart(template, locale, part);
    if (body == null) {
      throw new IllegalArgumentException("Expected body to be the template's text, but there is none");
    }
    if (body.length() > MAX_BODY) {
      throw new IllegalArgumentException("Expected body to be at most " + MAX_BODY + " characters, but it has "
          + body.length());
    }
  }

  /** Discards a template locale's drafts; how many there were. */
  public int discardDrafts(String template, String locale) {
    check(template, locale);
    return versions.discardDrafts(template, locale);
  }

  /**
   * A publish refused because the template locale was published since the editor opened it: who
   * published which part's version when. The editor's texts are kept as drafts ({@code draftKept}).
   */
  public static final class Conflict extends RuntimeException {

    private final Version latest;
    private final boolean draftKept;

    Conflict(String template, String locale, Version latest, boolean draftKept) {
      super("Expected to publish template " + template + "/" + locale + " over the versions it was opened at, but "
          + latest.part() + " version " + latest.version() + " was published by " + latest.by() + " at " + latest.at()
          + " since: reload it and make your change again" + (draftKept ? " (your texts are kept as the draft)" : ""));
      this.latest = latest;
      this.draftKept = draftKept;
    }

    public Version latest() {
      return latest;
    }

    public boolean draftKept() {
      return draftKept;
    }
  }

  /**
   * Publishes a template locale's drafts: the next message rendered with it (by this app instance
   * at once, by others within journeys.notify.template-refresh) uses them.
   *
   * @return the versions published, empty when there were no drafts
   */
  public List<Version> publish(String template, String locale, String actor) {
    return publish(template, locale, actor, Map.of(), Map.of());
  }

  /**
   * Publishes the editor's texts with the template locale's drafts, provided no part was published
   * since the editor opened it ({@link Conflict} otherwise, naming who published it and when).
   *
   * @param opened part to the version the editor opened (0: the packaged file); empty: no check
   * @param texts the editor's parts, saved as drafts in the same transaction; may be empty
   */
  public List<Version> publish(String template, String locale, String actor, Map<String, Integer> opened,
      Map<String, String> texts) {
    check(template, locale);
    opened.keySet().forEach(part -> checkPart(template, locale, part));
    texts.forEach((part, body) -> checkBody(template, locale, part, body));
    if (!SHARED.equals(template) && (!texts.isEmpty() || !versions.drafts(template, locale).isEmpty())) {
      // A template that cannot render would raise an incident at its next send: refuse it now.
      List<Problem> problems = preview(template, locale, texts, new Data(null, 0, Purpose.TRANSACTIONAL)).problems();
      if (!problems.isEmpty()
          && !preview(template, locale, texts, new Data(null, 0, Purpose.MARKETING)).problems().isEmpty()) {
        throw new Refused(template + "/" + locale, problems);
      }
    }
    try {
      return versions.publish(template, locale, actor, opened, texts).stream()
          .map(v -> new Version(v.part(), v.version(), v.createdBy(), v.createdAt())).toList();
    } catch (TemplateVersions.Moved moved) {
      texts.forEach((part, body) -> versions.saveDraft(template, locale, part, body, actor));
      TemplateVersions.Version v = moved.latest;
      throw new Conflict(template, locale, new Version(v.part(), v.version(), v.createdBy(), v.createdAt()),
          !texts.isEmpty());
    }
  }

  /**
   * The texts the studio holds over the packaged files, by path ({@code template/locale+part}, e.g.
   * {@code shipping-update/en.sms.txt}): each published file's latest version and, with
   * {@code drafts}, each saved draft over it. A simulation renders with them ({@link #install}).
   */
  public Map<String, String> studioTexts(boolean drafts) {
    Map<String, String> texts = new TreeMap<>(versions.latestTexts());
    if (drafts) {
      versions.allDrafts().forEach(d -> texts.put(d.template() + "/" + d.locale() + d.part(), d.body()));
    }
    return texts;
  }

  /**
   * Publishes these texts (paths as {@link #studioTexts} names them) in this application, so what it
   * renders next uses them: how a simulation's own application gets the studio's texts. Not checked
   * against sample data: a text that cannot render fails its message as it would in a send.
   */
  public void install(Map<String, String> texts, String actor) {
    Map<String, Map<String, Map<String, String>>> byLocale = new TreeMap<>();
    texts.forEach((path, body) -> {
      int slash = path.indexOf('/');
      if (slash <= 0) {
        throw new IllegalArgumentException("Expected a template path such as shipping-update/en.sms.txt, but it is '"
            + path + "'");
      }
      String template = path.substring(0, slash);
      String locale = localeOf(path.substring(slash + 1));
      String part = path.substring(slash + 1 + locale.length());
      checkBody(template, locale, part, body);
      byLocale.computeIfAbsent(template, t -> new TreeMap<>()).computeIfAbsent(locale, l -> new TreeMap<>())
          .put(part, body);
    });
    byLocale.forEach((template, locales) -> locales.forEach((locale, parts) ->
        versions.publish(template, locale, actor, Map.of(), parts)));
  }

  /** A template locale's published versions, newest first. */
  public List<Version> history(String template, String locale) {
    check(template, locale);
    return versions.history(template, locale).stream()
        .map(v -> new Version(v.part(), v.version(), v.createdBy(), v.createdAt())).toList();
  }

  /**
   * Renders every part the template has in this locale, with the saved drafts of this locale and
   * then {@code texts} (the editor's unsaved parts) in front of the published texts.
   *
   * @param texts part to text, e.g. {".html": "..."}; may be empty
   */
  public Preview preview(String template, String locale, Map<String, String> texts, Data data) {
    check(template, locale);
    if (SHARED.equals(template)) {
      throw new IllegalArgumentException("Expected template to be a message, but _parts are fragments: preview a "
          + "message that includes them");
    }
    texts.keySet().forEach(part -> checkPart(template, locale, part));
    Sample sample = sample(template, locale, data);
    return renderer.previewing(overlay(template, locale, texts), () -> {
      List<Part> parts = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      for (String part : PARTS) {
        if (!renderer.hasText(template, locale, part)) {
          continue;
        }
        try {
          String text = renderer.renderText(template, locale, part, sample.model);
          TextPreview channel = channelTexts.get(part);
          if (channel != null) {
            TextPreview.Shown shown = channel.show(text);
            parts.add(new Part(part, shown.text(), shown.figures()));
            shown.problems().forEach(p -> problems.add(new Problem(part, p, null)));
          } else {
            parts.add(new Part(part, part.equals(".subject.txt") ? text.replaceAll("\\s+", " ").strip() : text,
                Map.of()));
          }
        } catch (SendFailure failure) {
          Matcher uses = USES.matcher(failure.getMessage());
          problems.add(new Problem(part, failure.getMessage(), uses.find() ? uses.group(1) : null));
        }
      }
      if (parts.isEmpty() && problems.isEmpty()) {
        throw new IllegalArgumentException("Expected template to have texts in locale " + locale + ", but '"
            + template + "' has none");
      }
      return new Preview(template, locale, sample.describe, parts, problems, new TreeSet<>(sample.model.keySet())
          .stream().filter(k -> !k.startsWith("thymeleaf")).toList());
    });
  }

  /**
   * Sends the template's email in this locale, rendered as {@link #preview} renders it, to this
   * address, marked as a test ({@link TestEmails}); no outbox row, no customer message.
   */
  public RenderedMessage sendTest(String template, String locale, Map<String, String> texts, Data data, String to) {
    check(template, locale);
    texts.keySet().forEach(part -> checkPart(template, locale, part));
    Sample sample = sample(template, locale, data);
    RenderedMessage rendered = renderer.previewing(overlay(template, locale, texts), () -> {
      if (!(renderer.hasText(template, locale, ".html") && renderer.hasText(template, locale, ".txt")
          && renderer.hasText(template, locale, ".subject.txt"))) {
        throw new IllegalArgumentException("Expected template to have an email (subject, text and HTML) in locale "
            + locale + ", but '" + template + "' has not");
      }
      return renderer.render(template, locale, sample.model);
    });
    RenderedMessage test = new RenderedMessage(rendered.locale(), TestEmails.SUBJECT_PREFIX + rendered.subject(),
        rendered.text(), rendered.html());
    testEmails.send(to, test);
    return test;
  }

  /** The template parts a test may be sent of besides the email: each channel's own text (".sms.txt"). */
  public java.util.Set<String> testableTexts() {
    return java.util.Set.copyOf(testTexts.keySet());
  }

  /**
   * Sends the template's text of a channel of its own (e.g. {@code .sms.txt}) in this locale,
   * rendered as {@link #preview} renders it, to this number through that channel's real transport,
   * prefixed {@link TestTexts#PREFIX}; no outbox row, no customer message.
   *
   * @return the text sent
   * @throws Refused when that part does not render (or renders too long)
   */
  public String sendTestText(String template, String locale, String part, Map<String, String> texts, Data data,
      String to) {
    TestTexts sender = testTexts.get(part);
    if (sender == null) {
      throw new IllegalArgumentException("Expected the part of a test to be one of " + new TreeSet<>(testTexts.keySet())
          + " (or an email), but it is '" + part + "'");
    }
    PhoneNumbers.Parsed number = PhoneNumbers.mobile(to, null);
    if (!number.mobile()) {
      throw new IllegalArgumentException("Expected the test number to be a mobile number in E.164 (+4915112345678), "
          + "but it is not: " + number.problem());
    }
    Preview preview = preview(template, locale, texts, data);
    List<Problem> problems = preview.problems().stream().filter(p -> p.part().equals(part)).toList();
    if (!problems.isEmpty()) {
      throw new Refused(template + "/" + locale + part, problems);
    }
    Part rendered = preview.parts().stream().filter(p -> p.part().equals(part)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Expected template to have a " + part + " text in locale "
            + locale + ", but '" + template + "' has none"));
    String text = TestTexts.PREFIX + rendered.text();
    sender.send(number.e164(), locale, text);
    return text;
  }

  private record Sample(Map<String, Object> model, String describe) {}

  private Sample sample(String template, String locale, Data data) {
    Purpose purpose = data.purpose() == null ? Purpose.TRANSACTIONAL : data.purpose();
    if (data.variant() < 0 || data.variant() >= TemplateSamples.VARIANTS.size()) {
      throw new IllegalArgumentException("Expected variant to be 0.." + (TemplateSamples.VARIANTS.size() - 1)
          + ", but it is " + data.variant());
    }
    Map<String, Object> facts = TemplateSamples.VARIANTS.get(data.variant());
    Locale language = Locale.forLanguageTag(locale);
    if (data.orderId() != null && !data.orderId().isBlank()) {
      Order order = orders.find(data.orderId()).orElseThrow(() -> new IllegalArgumentException(
          "Expected orderId to be an order Journeys has, but there is no order " + data.orderId()));
      MessageRequest request = new MessageRequest(order.orderId(), null, template, List.of(Channel.EMAIL), purpose,
          facts);
      Recipient recipient = recipients.resolve(request, order);
      String unsubscribeUrl = purpose == Purpose.MARKETING ? unsubscribe.url("preview", Channel.EMAIL) : null;
      return new Sample(models.build(request, recipient, order, language, unsubscribeUrl),
          "order " + order.orderId() + " with the facts of variant " + data.variant());
    }
    MessageRequest request = TemplateSamples.request(template, facts, purpose);
    Recipient recipient = TemplateSamples.recipient(locale);
    String unsubscribeUrl = purpose == Purpose.MARKETING ? unsubscribe.url(recipient.customerId(), Channel.EMAIL) : null;
    return new Sample(models.build(request, recipient, TemplateSamples.order(locale), language, unsubscribeUrl),
        "sample data, variant " + data.variant() + " " + facts);
  }

  /** The saved drafts of this locale (all templates: _parts too), then the editor's texts. */
  private Map<String, String> overlay(String template, String locale, Map<String, String> texts) {
    Map<String, String> overlay = new HashMap<>();
    for (TemplateVersions.Draft draft : versions.draftsIn(locale)) {
      overlay.put(draft.template() + "/" + draft.locale() + draft.part(), draft.body());
    }
    texts.forEach((part, text) -> overlay.put(template + "/" + locale + part, text));
    return overlay;
  }

  private static void check(String template, String locale) {
    if (template == null || !TEMPLATE.matcher(template).matches()) {
      throw new IllegalArgumentException("Expected template to be a template name such as shipping-update, but it is '"
          + template + "'");
    }
    if (locale == null || !LOCALE.matcher(locale).matches()) {
      throw new IllegalArgumentException("Expected locale to be a language tag such as en or zh-CN, but it is '"
          + locale + "'");
    }
  }

  private static void checkPart(String template, String locale, String part) {
    check(template, locale);
    boolean valid = SHARED.equals(template) ? part != null && SHARED_PART.matcher(part).matches() : PARTS.contains(part);
    if (!valid) {
      throw new IllegalArgumentException("Expected part to be one of " + (SHARED.equals(template)
          ? "[.html, /{name}.txt]" : PARTS) + ", but it is '" + part + "'");
    }
  }

  private static String localeOf(String file) {
    int end = 0;
    while (end < file.length() && file.charAt(end) != '.' && file.charAt(end) != '/') {
      end++;
    }
    return file.substring(0, end);
  }

  private static void add(Map<String, Map<String, TreeSet<String>>> all, String template, String file) {
    String locale = localeOf(file);
    all.computeIfAbsent(template, t -> new TreeMap<>()).computeIfAbsent(locale, l -> new TreeSet<>())
        .add(file.substring(locale.length()));
  }

  private static int byPart(String a, String b) {
    int i = PARTS.indexOf(a);
    int j = PARTS.indexOf(b);
    if (i >= 0 && j >= 0) {
      return Integer.compare(i, j);
    }
    return i >= 0 ? -1 : j >= 0 ? 1 : a.compareTo(b);
  }

  /** The packaged files: template to file name (en.html, en/greeting.txt) to text. */
  private static Map<String, Map<String, String>> scan() {
    Map<String, Map<String, String>> files = new TreeMap<>();
    try {
      PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
      List<Resource> found = new ArrayList<>(List.of(resolver.getResources(
          "classpath*:" + MessageRenderer.PREFIX + "*/*.*")));
      found.addAll(List.of(resolver.getResources("classpath*:" + MessageRenderer.PREFIX + SHARED + "/*/*.txt")));
      for (Resource resource : found) {
        String url = resource.getURL().toString();
        String path = url.substring(url.lastIndexOf(MessageRenderer.PREFIX) + MessageRenderer.PREFIX.length());
        int slash = path.indexOf('/');
        String template = path.substring(0, slash);
        String file = path.substring(slash + 1);
        if (!TEMPLATE.matcher(template).matches()) {
          continue;
        }
        // Test resources may hold more templates of the same name: the first on the class path wins, as in rendering.
        files.computeIfAbsent(template, t -> new TreeMap<>()).putIfAbsent(file,
            resource.getContentAsString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
    files.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
    return Map.copyOf(frozen);
  }
}
