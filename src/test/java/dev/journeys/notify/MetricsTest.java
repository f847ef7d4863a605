package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.JourneysAppTest;
import dev.journeys.PrometheusScrape;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The meters move when the features run, read the way Prometheus reads them: from
 * /actuator/prometheus, with GreenMail as the SMTP server and the embedded engine.
 */
@JourneysAppTest
@AutoConfigureObservability(tracing = false) // tests get a plain registry and no /actuator/prometheus otherwise
class MetricsTest {

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @LocalServerPort int port;
  @Autowired MessageDispatcher dispatcher;
  @Autowired CamundaClient client;

  private static final Map<String, String> EMAIL_CONFIRMATION_SENT =
      Map.of("channel", "email", "template", "order-confirmation", "outcome", "sent");

  @Test
  void anEmailSentThroughSmtpMovesTheMessageMetersAndTheJourneyMeters() {
    PrometheusScrape before = PrometheusScrape.of(port);
    String orderId = OrderJson.newOrderId();
    String email = "metrics-" + orderId.toLowerCase() + "@example.com";

    assertThat(new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Meter Reader", "en")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessagesForDomain(email).length >= 1);

    PrometheusScrape after = await().atMost(Duration.ofSeconds(10)).until(() -> PrometheusScrape.of(port),
        s -> s.sum("journeys_messages_total", EMAIL_CONFIRMATION_SENT)
            > before.sum("journeys_messages_total", EMAIL_CONFIRMATION_SENT));
    assertThat(after.sum("journeys_messages_total", EMAIL_CONFIRMATION_SENT)
        - before.sum("journeys_messages_total", EMAIL_CONFIRMATION_SENT)).isEqualTo(1.0);
    assertThat(after.sum("journeys_messages_send_seconds_count", Map.of("channel", "email")))
        .isGreaterThan(before.sum("journeys_messages_send_seconds_count", Map.of("channel", "email")));
    // The order is the event; the confirmation is the first email after it.
    assertThat(after.sum("journeys_messages_event_to_send_seconds_count", Map.of("channel", "email")))
        .isGreaterThan(before.sum("journeys_messages_event_to_send_seconds_count", Map.of("channel", "email")));
    assertThat(after.sum("journeys_started_total", Map.of("journey", "post-purchase")))
        .isGreaterThan(before.sum("journeys_started_total", Map.of("journey", "post-purchase")));
    assertThat(after.sum("journeys_engine_job_activation_seconds_count", Map.of("type", "send-message")))
        .isGreaterThan(before.sum("journeys_engine_job_activation_seconds_count", Map.of("type", "send-message")));
    assertThat(after.sum("journeys_engine_commands_seconds_count", Map.of("outcome", "answered")))
        .isGreaterThan(before.sum("journeys_engine_commands_seconds_count", Map.of("outcome", "answered")));
    assertThat(after.matching("journeys_outbox_backlog", Map.of("status", "pending"))).hasSize(1);
    assertThat(after.matching("journeys_outbox_backlog", Map.of("status", "held"))).hasSize(1);
    assertThat(after.matching("journeys_inbox_backlog", Map.of("state", "pending"))).hasSize(1);
    assertThat(after.matching("journeys_inbox_backlog", Map.of("state", "parked"))).hasSize(1);
  }

  @Test
  void aCancelledOrderCompletesItsJourneyAndACancelledInstanceCountsAsCancelled() {
    PrometheusScrape before = PrometheusScrape.of(port);
    String orderId = OrderJson.newOrderId();
    String email = "cancel-" + orderId.toLowerCase() + "@example.com";
    ShopClient shop = new ShopClient(port);
    shop.postOrder(OrderJson.order(orderId, email, "Changed Mind", "en"));
    await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessagesForDomain(email).length >= 1);

    shop.post("/api/orders/" + orderId + "/cancellation", "{\"reason\": \"changed my mind\"}");

    Map<String, String> postPurchase = Map.of("journey", "post-purchase");
    await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusScrape.of(port).sum("journeys_completed_total", postPurchase)
        > before.sum("journeys_completed_total", postPurchase));
    assertThat(PrometheusScrape.of(port).sum("journeys_messages_total",
        Map.of("channel", "email", "template", "cancellation-notice", "outcome", "sent")))
        .isGreaterThan(before.sum("journeys_messages_total",
            Map.of("channel", "email", "template", "cancellation-notice", "outcome", "sent")));

    long key = client.newCreateInstanceCommand().bpmnProcessId("post-purchase").latestVersion()
        .variables(Map.of("orderId", "no-such-order-" + orderId, "customerId", "nobody",
            "promisedShipBy", "2099-01-01T00:00:00Z", "promisedDeliverBy", "2099-01-02T00:00:00Z"))
        .send().join().getProcessInstanceKey();
    client.newCancelInstanceCommand(key).send().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> PrometheusScrape.of(port).sum("journeys_cancelled_total", postPurchase)
        > before.sum("journeys_cancelled_total", postPurchase));
  }

  @Test
  void anIncidentRaisesTheOpenIncidentsGaugeUntilItIsResolved() {
    client.newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess("metrics-incident").startEvent()
            .serviceTask("work", t -> t.zeebeJobType("metrics-incident-work")).endEvent().done(), "metrics-incident.bpmn")
        .send().join();
    double before = PrometheusScrape.of(port).sum("journeys_incidents_open", Map.of());
    client.newCreateInstanceCommand().bpmnProcessId("metrics-incident").latestVersion().send().join();
    List<ActivatedJob> jobs = await().atMost(Duration.ofSeconds(10)).until(() -> client.newActivateJobsCommand()
        .jobType("metrics-incident-work").maxJobsToActivate(1).send().join().getJobs(), list -> !list.isEmpty());

    client.newFailCommand(jobs.get(0)).retries(0).errorMessage("broken on purpose").send().join();

    assertThat(PrometheusScrape.of(port).sum("journeys_incidents_open", Map.of())).isEqualTo(before + 1);
    long incident = await().atMost(Duration.ofSeconds(10)).until(() -> client.newIncidentSearchRequest().send().join()
        .items().stream().filter(i -> "metrics-incident".equals(i.getProcessDefinitionId())).findFirst(),
        java.util.Optional::isPresent).get().getIncidentKey();
    client.newUpdateRetriesCommand(jobs.get(0).getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident).send().join();
    assertThat(PrometheusScrape.of(port).sum("journeys_incidents_open", Map.of())).isEqualTo(before);
  }

  @Test
  void aSendTheSmtpServerRefusesCountsAsFailedAndPushCountsAsSkipped() {
    String orderId = OrderJson.newOrderId();
    new ShopClient(port).postOrder(OrderJson.order(orderId, "failing-" + orderId.toLowerCase() + "@example.com", "F", "en"));
    await().atMost(Duration.ofSeconds(30)).until(
        () -> smtp.getReceivedMessagesForDomain("failing-" + orderId.toLowerCase() + "@example.com").length >= 1);
    Map<String, String> failed = Map.of("channel", "email", "template", "shipping-update", "outcome", "failed");
    Map<String, String> skipped = Map.of("channel", "push", "template", "shipping-update", "outcome", "skipped");
    PrometheusScrape before = PrometheusScrape.of(port);
    MessageRequest request = new MessageRequest(orderId, null, "shipping-update",
        List.of(Channel.EMAIL, new Channel("push")), Purpose.TRANSACTIONAL, Map.of("shipmentStatus", "SHIPPED"));

    smtp.stop();
    try {
      assertThatThrownBy(() -> dispatcher.dispatch(System.nanoTime(), 1L, Channel.EMAIL, request))
          .isInstanceOf(SendFailure.class);
    } finally {
      smtp.start();
    }
    dispatcher.dispatch(System.nanoTime(), 2L, new Channel("push"), request);

    PrometheusScrape after = PrometheusScrape.of(port);
    assertThat(after.sum("journeys_messages_total", failed) - before.sum("journeys_messages_total", failed)).isEqualTo(1.0);
    assertThat(after.sum("journeys_messages_total", skipped) - before.sum("journeys_messages_total", skipped)).isEqualTo(1.0);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
