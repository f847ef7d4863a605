package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a message from templates/messages/{template}/{locale}.html, .txt and .subject.txt.
 *
 * <p>A private engine rather than Spring Boot's: message templates need a TEXT mode resolver as
 * well as HTML, and must not leak into web views. The customer's locale falls back from the full
 * tag (zh-CN) to the language (zh) to English, so an order in an unsupported language still gets
 * its confirmation.
 */
@Component
class MessageRenderer {

  static final String PREFIX = "templates/messages/";
  private static final String FALLBACK = "en";

  private final SpringTemplateEngine engine = new SpringTemplateEngine();
  private final NotifyProperties properties;

  MessageRenderer(NotifyProperties properties) {
    this.properties = properties;
    engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
  }

  RenderedMessage render(String template, Order order) {
    String tag = localeFor(template, order.locale());
    Locale locale = Locale.forLanguageTag(tag);
    Context context = new Context(locale, MessageModel.of(order, locale, properties));
    String base = template + "/" + tag;
    // Subjects are one line: a line break in a header would end it and start another.
    String subject = engine.process(base + ".subject.txt", context).replaceAll("\\s+", " ").strip();
    return new RenderedMessage(
        tag,
        subject,
        engine.process(base + ".txt", context),
        engine.process(base + ".html", context));
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

  private static List<String> candidates(String requested) {
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

  private static boolean exists(String path) {
    return new ClassPathResource(path).exists();
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix(PREFIX);
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(Set.of(pattern));
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    resolver.setOrder(order);
    return resolver;
  }
}
