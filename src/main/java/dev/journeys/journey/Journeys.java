package dev.journeys.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts and stops journeys. The only way other modules reach the engine: through the Camunda
 * client, so the same code runs against the embedded engine and a Camunda 8 cluster.
 */
@Service
public class Journeys {

  /** The BPMN process id of bpmn/post-purchase.bpmn. */
  public static final String POST_PURCHASE = "post-purchase";

  private static final Logger log = LoggerFactory.getLogger(Journeys.class);

  private final CamundaClient client;
  private final PostPurchaseProperties postPurchase;

  Journeys(CamundaClient client, PostPurchaseProperties postPurchase) {
    this.client = client;
    this.postPurchase = postPurchase;
  }

  /**
   * Starts the post-purchase journey for an order with the start variables of docs/JOURNEYS.md:
   * ids, promised dates and the journey's settings only. Contact details are looked up when a message is sent, so erasure
   * works and variables stay clean.
   *
   * @param promisedShipBy when the shop promised to ship; the delay alert fires when it passes
   * @param promisedDeliverBy when the shop promised delivery
   * @return the process instance key
   * @throws JourneyNotStartedException when the engine refused or could not be reached
   */
  public long startPostPurchase(
      String orderId, String customerId, Instant promisedShipBy, Instant promisedDeliverBy) {
    try {
      long key =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(POST_PURCHASE)
              .latestVersion()
              .variables(
                  Map.of(
                      "orderId", orderId,
                      "customerId", customerId,
                      // ISO-8601 strings: what a FEEL timer date and a Modeler user expect.
                      "promisedShipBy", promisedShipBy.toString(),
                      "promisedDeliverBy", promisedDeliverBy.toString(),
                      "feedbackWithoutDeliveryAfter", postPurchase.feedbackWithoutDeliveryAfter().toString()))
              .send()
              .join()
              .getProcessInstanceKey();
      log.debug("Started {} journey {} for order {}", POST_PURCHASE, key, orderId);
      return key;
    } catch (ClientException e) {
      throw new JourneyNotStartedException(POST_PURCHASE, orderId, e);
    }
  }

  /**
   * The running post-purchase journey of an order, found by its {@code orderId} variable. A process
   * that died between the engine starting a journey and the order recording it leaves a journey
   * the order does not know; whoever takes the abandoned order over adopts it instead of starting
   * a second one. Camunda 8 answers searches from a store that may lag by seconds, which is why
   * only an order abandoned for {@code journeys.orders.abandoned-after} is looked up.
   *
   * @return the oldest such journey's process instance key
   */
  public Optional<Long> findPostPurchase(String orderId) {
    String json = "\"" + orderId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    try {
      return client.newVariableSearchRequest()
          .filter(f -> f.name("orderId").value(json))
          .page(p -> p.limit(20))
          .send().join(10, TimeUnit.SECONDS)
          .items().stream()
          // the instance's own variable, not one of the same name in a subprocess scope
          .filter(v -> v.getScopeKey() != null && v.getScopeKey().equals(v.getProcessInstanceKey()))
          .map(io.camunda.client.api.search.response.Variable::getProcessInstanceKey)
          .sorted()
          .filter(this::isPostPurchase)
          .findFirst();
    } catch (ClientException e) {
      throw new JourneyNotStartedException(POST_PURCHASE, orderId, e);
    }
  }

  private boolean isPostPurchase(long processInstanceKey) {
    return !client.newProcessInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).processDefinitionId(POST_PURCHASE))
        .send().join(10, TimeUnit.SECONDS)
        .items().isEmpty();
  }

  /**
   * The journey's variable that says why it was cancelled, read by the embedded engine's funnel
   * (which counts erased journeys apart from cancelled ones) and searchable in Camunda.
   */
  public static final String END_REASON_VARIABLE = "journeyEndReason";

  /**
   * Cancels a running journey for a customer's erasure: nothing of it runs afterwards, not even its
   * own cancellation path. The journey is first marked {@code journeyEndReason = "erased"}, so the
   * funnel counts it as erased, not as cancelled.
   *
   * @return true when this call cancelled it; false when it had already ended (or never existed)
   * @throws JourneyNotCancelledException when the engine refused or could not be reached
   */
  public boolean cancelForErasure(long processInstanceKey) {
    try {
      client.newSetVariablesCommand(processInstanceKey).variables(Map.of(END_REASON_VARIABLE, "erased")).send().join();
      client.newCancelInstanceCommand(processInstanceKey).send().join();
      log.info("Cancelled journey {}", processInstanceKey);
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw new JourneyNotCancelledException(processInstanceKey, e);
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return false;
      }
      throw new JourneyNotCancelledException(processInstanceKey, e);
    } catch (ClientException e) {
      throw new JourneyNotCancelledException(processInstanceKey, e);
    }
  }

  /**
   * Cancels a journey, best effort: used to undo a start whose order could not be stored, where a
   * failure to cancel must not hide the original problem.
   */
  public void cancelQuietly(long processInstanceKey) {
    try {
      client.newCancelInstanceCommand(processInstanceKey).send().join();
      log.info("Cancelled journey {}", processInstanceKey);
    } catch (ClientException e) {
      log.warn("Could not cancel journey {}: {}", processInstanceKey, e.getMessage());
    }
  }
}
