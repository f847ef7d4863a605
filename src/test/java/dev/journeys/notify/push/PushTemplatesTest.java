package dev.journeys.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.notify.TestChannelSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every push template is rendered with sample data at start-up, against the length limits. */
class PushTemplatesTest {

  @Test
  void theShippedPushTemplatesFitTheDefaultsAndAnOverlongOneFailsValidation() {
    assertThat(channel(65).startupProblems()).isEmpty();

    assertThat(channel(10).startupProblems()).isNotEmpty().allSatisfy(problem -> assertThat(problem)
        .startsWith("Push template ").contains(".push.txt failed validation with sample data")
        .contains("journeys.push.max-title"));
    assertThat(channel(10).startupProblems()).anySatisfy(problem ->
        assertThat(problem).startsWith("Push template shipping-update/en.push.txt"));
  }

  private static PushDispatcher channel(int maxTitle) {
    PushProperties properties = new PushProperties(null, null, null, null, "http://localhost", maxTitle, 240,
        Duration.ofSeconds(1));
    var support = TestChannelSupport.forTemplates();
    return new PushDispatcher(new PushComposer(support, properties), null, null, support, null, properties);
  }
}
