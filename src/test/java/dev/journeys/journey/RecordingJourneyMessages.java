package dev.journeys.journey;

import io.camunda.client.CamundaClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@link JourneyMessages} on a given client, remembering what each publish call asked for
 * and what the engine answered, so a test outside this module can tell a first publication from a
 * copy the engine dropped by its message id.
 */
public final class RecordingJourneyMessages extends JourneyMessages {

  /** One publish call and the engine's answer. */
  public record Published(JourneyMessage message, Outcome outcome) {}

  private final List<Published> published = new ArrayList<>();

  public RecordingJourneyMessages(CamundaClient client) {
    super(client);
  }

  @Override
  public synchronized Outcome publish(JourneyMessage message) {
    Outcome outcome = super.publish(message);
    published.add(new Published(message, outcome));
    return outcome;
  }

  /** Every call since the last {@link #clear()}, in order. */
  public synchronized List<Published> published() {
    return List.copyOf(published);
  }

  public synchronized void clear() {
    published.clear();
  }
}
