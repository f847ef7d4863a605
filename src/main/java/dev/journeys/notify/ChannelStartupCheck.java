package dev.journeys.notify;

import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Refuses to start while a channel's settings or templates are wrong (each channel says what it
 * checks, {@link MessageChannel#startupProblems()}): better than an incident on a customer's order.
 */
@Component
class ChannelStartupCheck implements SmartInitializingSingleton {

  private final Channels channels;

  ChannelStartupCheck(Channels channels) {
    this.channels = channels;
  }

  @Override
  public void afterSingletonsInstantiated() {
    long begun = System.nanoTime();
    List<String> problems = channels.all().stream().flatMap(c -> c.startupProblems().stream()).toList();
    // a line for the start-up breakdown (bench/restart.sh, docs/BENCHMARKS.md)
    org.slf4j.LoggerFactory.getLogger(ChannelStartupCheck.class).info(
        "Checked the channels' settings and templates in {} ms", (System.nanoTime() - begun) / 1_000_000);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Expected the channels' settings and templates to be complete, but:"
          + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems));
    }
  }
}
