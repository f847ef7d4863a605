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
 */
public record LintRules(
    Set<String> workerTypes, Set<String> messageNames, List<String> locales, String templates,
    Set<String> channels) {

  public static final String DEFAULT_TEMPLATES = "classpath:templates/messages/";

  /** What the packaged application provides: its workers, messages, locales and templates. */
  public static LintRules ofApplication() {
    return new LintRules(JobWorkerTypes.onClasspath(), JourneyMessageNames.all(),
        List.of("en", "zh-CN"), DEFAULT_TEMPLATES, ChannelKeys.onClasspath());
  }

  /** The same rules with templates from elsewhere (tests, a marketer's working copy). */
  public LintRules withTemplates(String location) {
    return new LintRules(workerTypes, messageNames, locales, location, channels);
  }

  public LintRules {
    // Sorted, so fixes list the choices in the same order every time.
    workerTypes = Collections.unmodifiableSortedSet(new TreeSet<>(workerTypes));
    messageNames = Collections.unmodifiableSortedSet(new TreeSet<>(messageNames));
    locales = List.copyOf(locales);
    channels = Collections.unmodifiableSortedSet(new TreeSet<>(channels));
  }
}
