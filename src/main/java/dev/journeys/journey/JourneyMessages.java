package dev.journeys.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Publishes the messages of docs/JOURNEYS.md to running journeys, through the Camunda client so the
 * same code talks to the embedded engine and to a Camunda 8 cluster.
 */
@Service
public class JourneyMessages {

  private static final Logger log = LoggerFactory.getLogger(JourneyMessages.class);

  private final CamundaClient client;

  JourneyMessages(CamundaClient client) {
    this.client = client;
  }

  /** Whether the engine took the message now or already had it. */
  public enum Outcome {
    PUBLISHED,
    /** A message with the same id is still buffered: an earlier attempt got through. */
    ALREADY_PUBLISHED
  }

  /**
   * Publishes the message. A retry after an unknown outcome (timeout, crash) is safe: the engine
   * rejects the second copy by its message id, which counts as success here.
   *
   * @throws JourneyMessageNotPublishedException when the engine refused or could not be reached
   */
  public Outcome publish(JourneyMessage message) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(message.name())
          .correlationKey(message.correlationKey())
          .messageId(message.messageId())
          .timeToLive(message.timeToLive())
          .variables(message.variables())
          .send()
          .join();
      log.info("Published {} for {} ({})", message.name(), message.correlationKey(), message.messageId());
      return Outcome.PUBLISHED;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
        log.info("Message {} was already published; not again", message.messageId());
        return Outcome.ALREADY_PUBLISHED;
      }
      throw new JourneyMessageNotPublishedException(message, e);
    } catch (ClientHttpException e) {
      // The same rejection over REST, where a cluster client may send it.
      if (e.code() == 409) {
        log.info("Message {} was already published; not again", message.messageId());
        return Outcome.ALREADY_PUBLISHED;
      }
      throw new JourneyMessageNotPublishedException(message, e);
    } catch (ClientException e) {
      throw new JourneyMessageNotPublishedException(message, e);
    }
  }
}
