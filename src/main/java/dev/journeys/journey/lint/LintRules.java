package dev.journeys.journey.lint;

import dev.journeys.journey.ChannelKey;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a journey may refer to: the job types some worker handles, the message names the ingestion
 * publishes, the locales every template must exist in, and where the templates live.
 *
 * @param templates a Spring resource location ending in '/', e.g. classpath:templates/messages/
 * @param channels the channel keys a send-message task may name (beans marked {@link ChannelKey})
 * @param externalTypes job types served by workers outside this app (journeys.lint.external-job-types)
 */
public record LintRules(
    Set<String> workerTypes, Set<String> messageNames, List<String> locales, String templates,
    Set<String> channels, Set<String> externalTypes) {

  public static final String DEFAULT_TEMPLATES = "classpath:templates/messages/";

  /** What the packaged application provides: its workers, messages, locales and templates. */
  public static LintRules ofApplication() {
    return new LintRules(JobWorkerTypes.onClasspath(), JourneyMessageNames.all(),
        List.of("en", "zh-CN"), DEFAULT_TEMPLATES, ChannelKeys.onClasspath());
  }

  /** The same rules with templates from elsewhere (tests, a marketer's working copy). */
  public LintRules withTemplates(String location) {
    return new LintRules(workerTypes, messageNames, locales, location, channels, externalTypes);
  }

  /** The same rules, accepting job types that workers in other services handle. */
  public LintRules withExternalTypes(Set<String> types) {
    return new LintRules(workerTypes, messageNames, locales, templates, channels, types);
  }

  public LintRules(Set<String> workerTypes, Set<String> messageNames, List<String> locales, String templates,
      Set<String> channels) {
    this(workerTypes, messageNames, locales, templates, channels, Set.of());
  }

  /** Whether some worker, of this app or declared outside it, handles the job type. */
  public boolean handled(String type) {
    return workerTypes.contains(type) || externalTypes.contains(type);
  }

  public LintRules {
    // Sorted, so fixes list the choices in the same order every time.
    workerTypes = Collections.unmodifiableSortedSet(new TreeSet<>(workerTypes));
    messageNames = Collections.unmodifiableSortedSet(new TreeSet<>(messageNames));
    locales = List.copyOf(locales);
    channels = Collections.unmodifiableSortedSet(new TreeSet<>(channels));
    externalTypes = Collections.unmodifiableSortedSet(new TreeSet<>(externalTypes));
  }
}
