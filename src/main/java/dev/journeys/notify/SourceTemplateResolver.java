package dev.journeys.notify;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.cache.ICacheEntryValidity;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ITemplateResolver;
import org.thymeleaf.templateresolver.TemplateResolution;
import org.thymeleaf.templateresource.ClassLoaderTemplateResource;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresource.StringTemplateResource;

/**
 * The message renderer's one template resolver: a file's published text from the
 * {@link TemplateSource} when it has one, else the packaged file under templates/messages/. HTML
 * mode for .html files, TEXT for the rest.
 *
 * <p>Thymeleaf caches a parsed template under its name and asks the entry's validity on each use;
 * here an entry is valid while the source's stamp for its path is the one it was parsed with, so a
 * publish replaces it at the next use (the packaged file included: its stamp is 0 until a version
 * is published). An unpublished text in a preview has a negative stamp from its content: the same
 * text previewed again is served from the cache, anything else makes the entry stale.
 */
final class SourceTemplateResolver implements ITemplateResolver {

  private final Supplier<TemplateSource> source;

  SourceTemplateResolver(Supplier<TemplateSource> source) {
    this.source = source;
  }

  @Override
  public String getName() {
    return "journeys-message-templates";
  }

  @Override
  public Integer getOrder() {
    return 1;
  }

  @Override
  public TemplateResolution resolveTemplate(IEngineConfiguration configuration, String ownerTemplate, String template,
      Map<String, Object> templateResolutionAttributes) {
    TemplateSource now = source.get();
    // The stamp before the text: a publish in between makes the entry stale at once, never stuck.
    long stamp = now.stamp(template);
    Optional<TemplateSource.Text> text = now.find(template);
    ITemplateResource resource;
    if (text.isPresent()) {
      resource = new StringTemplateResource(text.get().body());
    } else {
      resource = new ClassLoaderTemplateResource(MessageRenderer.PREFIX + template, "UTF-8");
      if (!resource.exists()) {
        return null;
      }
    }
    ICacheEntryValidity validity = new Stamped(template, stamp);
    return new TemplateResolution(resource, true, template.endsWith(".html") ? TemplateMode.HTML : TemplateMode.TEXT,
        false, validity);
  }

  private final class Stamped implements ICacheEntryValidity {

    private final String path;
    private final long stamp;

    Stamped(String path, long stamp) {
      this.path = path;
      this.stamp = stamp;
    }

    @Override
    public boolean isCacheable() {
      return true;
    }

    @Override
    public boolean isCacheStillValid() {
      return source.get().stamp(path) == stamp;
    }
  }
}
