package dev.journeys.journey;

import dev.journeys.journey.lint.ChannelKeys;
import dev.journeys.journey.lint.JobWorkerTypes;
import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.JourneyMessageNames;
import dev.journeys.journey.lint.LintProperties;
import dev.journeys.journey.lint.LintRules;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The journey linter for other modules (the studio lints a marketer's draft before it is saved and
 * published), with the rules of the running application: its workers, its enabled channels, its
 * templates (packaged, and those made in the studio: {@link StudioTemplateFiles}) and locales. The
 * same checks as the start-up deployment and the lint command, which know the packaged templates only.
 */
@Component
public class JourneyLint {

  /**
   * One finding, for the element it concerns.
   *
   * @param severity ERROR (publishing is refused) or WARNING
   * @param elementId the BPMN element's id, or the file's name when no element is at fault
   */
  public record Finding(String severity, String elementId, String problem, String fix) {

    public boolean isError() {
      return "ERROR".equals(severity);
    }
  }

  private final ListableBeanFactory beans;
  private final LintProperties properties;
  private final ShopEvents shopEvents;
  private final StudioTemplateFiles studioTemplates;
  private volatile JourneyLinter linter;

  JourneyLint(ListableBeanFactory beans, LintProperties properties, ShopEvents shopEvents,
      ObjectProvider<StudioTemplateFiles> studioTemplates) {
    this.beans = beans;
    this.properties = properties;
    this.shopEvents = shopEvents;
    this.studioTemplates = studioTemplates.getIfAvailable(() -> StudioTemplateFiles.NONE);
  }

  /**
   * The rules of the running application: its workers and those declared to run elsewhere, the
   * built-in journey messages and the configured shop events', its locales, templates and channels.
   * Call after the context has refreshed: worker types come from its bean definitions.
   */
  static LintRules applicationRules(ListableBeanFactory beans, LintProperties lint, ShopEvents shopEvents) {
    Set<String> messages = new TreeSet<>(JourneyMessageNames.all());
    messages.addAll(shopEvents.messageNames());
    return new LintRules(JobWorkerTypes.of(beans), messages, lint.locales(), lint.templates(), ChannelKeys.of(beans),
        Set.copyOf(lint.externalJobTypes()));
  }

  /** Lints one BPMN document; {@code fileName} names it where no element is at fault. */
  public List<Finding> lint(String fileName, byte[] bpmn) {
    return linter().lint(fileName, bpmn).stream()
        .map(f -> new Finding(f.severity().name(), f.elementId(), f.problem(), f.fix()))
        .toList();
  }

  /** The channel keys a send-message step may name in this application. */
  public Set<String> channels() {
    return linter().rules().channels();
  }

  private JourneyLinter linter() {
    // Built on first use, after the context has refreshed: worker types come from its bean definitions.
    if (linter == null) {
      linter = new JourneyLinter(applicationRules(beans, properties, shopEvents), studioTemplates);
    }
    return linter;
  }
}
