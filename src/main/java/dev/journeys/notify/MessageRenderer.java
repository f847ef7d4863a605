package dev.journeys.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Renders a message from templates/messages/{template}/{locale}.html, .txt and .subject.txt: the
 * version published in the studio when there is one ({@link TemplateSource}), else the packaged file.
 *
 * <p>A private engine rather than Spring Boot's: message templates need a TEXT mode resolver as
 * well as HTML, and must not leak into web views. Rendering is strict (see {@link StrictVariables})
 * and all three parts are rendered before anything is sent, so a template error fails the job
 * with the template, line and variable named, and no half-rendered email goes out. The customer's
 * locale falls back from the full tag (zh-CN) to the language (zh) to English.
 */
@Component
class MessageRenderer {

  static final String PREFIX = "templates/messages/";
  private static final String FALLBACK = "en";

  private final SpringTemplateEngine engine = new SpringTemplateEngine();
  // Where a template's text is found: the version published in the studio, else the class path.
  private final TemplateSource published;
  // A preview's unpublished texts in front of the published ones, for this thread's rendering.
  private final ThreadLocal<TemplateSource> previewing = new ThreadLocal<>();

  /** Packaged templates only (template tests). */
  MessageRenderer() {
    this(TemplateSource.PACKAGED);
  }

  @org.springframework.beans.factory.annotation.Autowired
  MessageRenderer(TemplateSource published) {
    this.published = published;
    engine.addTemplateResolver(new SourceTemplateResolver(this::source));
  }

  /**
   * Renders as {@code rendering} does, but with these unpublished texts (path under
   * templates/messages/ to text) in place of the current ones: the studio's preview and test send.
   */
  <T> T previewing(java.util.Map<String, String> drafts, java.util.function.Supplier<T> rendering) {
    previewing.set(published.with(drafts));
    try {
      return rendering.get();
    } finally {
      previewing.remove();
    }
  }

  private TemplateSource source() {
    TemplateSource preview = previewing.get();
    return preview != null ? preview : published;
  }

  /**
   * @param tag a language tag from {@link #localeFor}
   * @param variables the message's model; not modified
   */
  RenderedMessage render(String template, String tag, Map<String, Object> variables) {
    Map<String, Object> model = new LinkedHashMap<>(variables);
    StrictVariables.applyTo(model);
    Context context = new Context(Locale.forLanguageTag(tag), model);
    String base = template + "/" + tag;
    // Subjects are one line: a line break in a header would end it and start another.
    String subject = process(base + ".subject.txt", context, variables).replaceAll("\\s+", " ").strip();
    return new RenderedMessage(
        tag,
        subject,
        process(base + ".txt", context, variables),
        process(base + ".html", context, variables));
  }

  /**
   * Renders {template}/{tag}{suffix}, a text template of a channel of its own (e.g. .whatsapp.txt),
   * as it is: the channel decides what its lines mean.
   */
  String renderText(String template, String tag, String suffix, Map<String, Object> variables) {
    Map<String, Object> model = new LinkedHashMap<>(variables);
    StrictVariables.applyTo(model);
    Context context = new Context(Locale.forLanguageTag(tag), model);
    return process(template + "/" + tag + suffix, context, variables);
  }

  /** Whether this template has a text with this suffix for exactly this language tag. */
  boolean hasText(String template, String tag, String suffix) {
    return exists(PREFIX + template + "/" + tag + suffix);
  }

  /**
   * The most specific language tag this template has a text with this suffix for.
   *
   * @param what what the file is, for the error, e.g. "an SMS text"
   */
  String textLocaleFor(String template, String requested, String suffix, String what) {
    for (String tag : candidates(requested)) {
      if (exists(PREFIX + template + "/" + tag + suffix)) {
        return tag;
      }
    }
    throw SendFailure.permanent(
        "Expected template '%s' to have %s (%s) for locale %s or %s, but it does not"
            .formatted(template, what, suffix, requested, FALLBACK));
  }

  /** The most specific language tag this template has all three files for. */
  String localeFor(String template, String requested) {
    for (String tag : candidates(requested)) {
      String base = PREFIX + template + "/" + tag;
      if (exists(base + ".html") && exists(base + ".txt") && exists(base + ".subject.txt")) {
        return tag;
      }
    }
    throw SendFailure.permanent(
        "Expected template '%s' to exist for locale %s or %s, but it does not"
            .formatted(template, requested, FALLBACK));
  }

  private String process(String file, Context context, Map<String, Object> variables) {
    try {
      return engine.process(file, context);
    } catch (TemplateEngineException e) {
      String where = where(file, e);
      // Retrying cannot fix a template: a permanent failure raises an incident at once.
      throw StrictVariables.missingVariable(e)
          .map(
              name ->
                  SendFailure.permanent(
                      "Expected template %s to use only variables this message has, but it uses '%s'; it has %s"
                          .formatted(where, name, new TreeSet<>(variables.keySet()))))
          .orElseGet(
              () -> SendFailure.permanent(
                  "Expected template %s to render, but: %s".formatted(where, rootMessage(e))));
    }
  }

  private static String where(String file, TemplateEngineException e) {
    if (e instanceof TemplateProcessingException located && located.getLine() != null) {
      String name = located.getTemplateName() == null ? file : located.getTemplateName();
      return "%s (line %d, column %d)".formatted(name, located.getLine(), located.getCol());
    }
    return file;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  static List<String> candidates(String requested) {
    Locale locale = Locale.forLanguageTag(requested == null ? FALLBACK : requested);
    Set<String> tags = new LinkedHashSet<>();
    tags.add(locale.toLanguageTag());
    if (!locale.getCountry().isEmpty()) {
      tags.add(locale.getLanguage() + "-" + locale.getCountry());
    }
    tags.add(locale.getLanguage());
    tags.add(FALLBACK);
    return new ArrayList<>(tags);
  }

  private boolean exists(String path) {
    return source().find(path.substring(PREFIX.length())).isPresent() || new ClassPathResource(path).exists();
  }
}
