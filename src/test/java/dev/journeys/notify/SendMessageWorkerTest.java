package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.CompleteJobCommandStep1;
import io.camunda.client.api.command.FailJobCommandStep1;
import io.camunda.client.api.command.FailJobCommandStep1.FailJobCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The send-message worker against a stubbed job and job client: what it reads from the job, which
 * command it answers with, and the retries and backoff each kind of failure gets. What the channels
 * then do is {@link ChannelChoice}'s, stubbed here; the whole way through runs in the scenario tests.
 */
class SendMessageWorkerTest {

  static final long JOB_KEY = 42;
  static final long ELEMENT_INSTANCE_KEY = 7;

  final ChannelChoice channels = mock(ChannelChoice.class);
  final SendMessageWorker worker = new SendMessageWorker(channels);
  final JobClient client = mock(JobClient.class);
  final CompleteJobCommandStep1 complete = mock(CompleteJobCommandStep1.class, RETURNS_SELF);
  final FailJobCommandStep1 fail = mock(FailJobCommandStep1.class);
  final FailJobCommandStep2 failWith = mock(FailJobCommandStep2.class, RETURNS_SELF);

  @BeforeEach
  @SuppressWarnings("unchecked")
  void commands() {
    when(client.newCompleteCommand(any(ActivatedJob.class))).thenReturn(complete);
    when(complete.send()).thenReturn(mock(CamundaFuture.class));
    when(client.newFailCommand(any(ActivatedJob.class))).thenReturn(fail);
    when(fail.retries(anyInt())).thenReturn(failWith);
    when(failWith.send()).thenReturn(mock(CamundaFuture.class));
  }

  @Test
  void sendsWhatTheJobAsksForAndCompletesIt() {
    Map<String, Object> variables = new HashMap<>(Map.of(
        "orderId", "1001", "customerId", 42.0, "shipmentStatus", "SHIPPED", "newsKey", "1001:SHIPPED"));
    variables.put("delayReason", null);
    ActivatedJob job = job(3, Map.of("template", "shipping-update", "channels", "sms, email",
        "purpose", "transactional"), variables);

    worker.sendMessage(client, job);

    ArgumentCaptor<MessageRequest> request = ArgumentCaptor.forClass(MessageRequest.class);
    verify(channels).send(org.mockito.ArgumentMatchers.eq(ELEMENT_INSTANCE_KEY),
        org.mockito.ArgumentMatchers.eq(JOB_KEY), request.capture(), org.mockito.ArgumentMatchers.eq("post-purchase"));
    assertThat(request.getValue()).isEqualTo(new MessageRequest("1001", "42", "shipping-update",
        List.of(new Channel("sms"), Channel.EMAIL), Purpose.TRANSACTIONAL,
        Map.of("shipmentStatus", "SHIPPED", "newsKey", "1001:SHIPPED"), ChannelChoice.Mode.FIRST));
    verify(complete).send();
    verify(client, never()).newFailCommand(any(ActivatedJob.class));
  }

  @Test
  void theChannelChoiceHeaderOverridesThePurposesDefault() {
    ActivatedJob job = job(3, Map.of("template", "feedback-request", "channels", "email,sms",
        "purpose", "marketing", "channel-choice", "First"), Map.of("customerId", "c-1"));

    worker.sendMessage(client, job);

    ArgumentCaptor<MessageRequest> request = ArgumentCaptor.forClass(MessageRequest.class);
    verify(channels).send(anyLong(), anyLong(), request.capture(), org.mockito.ArgumentMatchers.eq("post-purchase"));
    assertThat(request.getValue().choice()).isEqualTo(ChannelChoice.Mode.FIRST);
    assertThat(request.getValue().orderId()).isNull();
    verify(complete).send();
  }

  @Test
  void aTaskWithoutATemplateHeaderBecomesAnIncidentAtOnceAndSendsNothing() {
    ActivatedJob job = job(3, Map.of("channels", "email", "purpose", "transactional"), Map.of("orderId", "1001"));

    worker.sendMessage(client, job);

    verify(fail).retries(0);
    verify(failWith).retryBackoff(Duration.ZERO);
    verify(failWith).errorMessage(org.mockito.ArgumentMatchers.startsWith(
        "Expected the task to have header 'template', but it has only"));
    verify(failWith).send();
    verify(channels, never()).send(anyLong(), anyLong(), any(), any());
    verify(client, never()).newCompleteCommand(any(ActivatedJob.class));
  }

  @Test
  void aJobWithNeitherOrderNorCustomerBecomesAnIncident() {
    ActivatedJob job = job(3, Map.of("template", "order-confirmation", "channels", "email",
        "purpose", "transactional"), Map.of("orderId", " "));

    worker.sendMessage(client, job);

    verify(fail).retries(0);
    verify(failWith).errorMessage("Expected variable 'orderId' or 'customerId' to be set, but neither was");
    verify(channels, never()).send(anyLong(), anyLong(), any(), any());
  }

  @Test
  void anUnknownChannelChoiceBecomesAnIncident() {
    ActivatedJob job = job(3, Map.of("template", "order-confirmation", "channels", "email",
        "purpose", "transactional", "channel-choice", "loudest"), Map.of("orderId", "1001"));

    worker.sendMessage(client, job);

    verify(fail).retries(0);
    verify(failWith).errorMessage("Expected header 'channel-choice' to be all or first, but was 'loudest'");
  }

  @Test
  void aRetryableFailureUsesUpOneRetryAndWaitsTheBackoff() {
    doThrow(SendFailure.retryable("SMTP unavailable", Duration.ofSeconds(30)))
        .when(channels).send(anyLong(), anyLong(), any(), any());

    worker.sendMessage(client, orderConfirmation(3));

    verify(fail).retries(2);
    verify(failWith).retryBackoff(Duration.ofSeconds(30));
    verify(failWith).errorMessage("SMTP unavailable");
    verify(failWith).send();
    verify(client, never()).newCompleteCommand(any(ActivatedJob.class));
  }

  @Test
  void theLastRetryFailsWithoutBackoffSoTheIncidentComesAtOnce() {
    doThrow(SendFailure.retryable("SMTP unavailable", Duration.ofSeconds(30)))
        .when(channels).send(anyLong(), anyLong(), any(), any());

    worker.sendMessage(client, orderConfirmation(1));

    verify(fail).retries(0);
    verify(failWith).retryBackoff(Duration.ZERO);
  }

  @Test
  void aMessageHeldByAnotherWorkerKeepsItsRetries() {
    doThrow(SendFailure.busy("Another worker is sending it", Duration.ofSeconds(5)))
        .when(channels).send(anyLong(), anyLong(), any(), any());

    worker.sendMessage(client, orderConfirmation(3));

    verify(fail).retries(3);
    verify(failWith).retryBackoff(Duration.ofSeconds(5));
  }

  private static ActivatedJob orderConfirmation(int retries) {
    return job(retries, Map.of("template", "order-confirmation", "channels", "email", "purpose", "transactional"),
        Map.of("orderId", "1001"));
  }

  /** A job of the send-message type as the engine would hand it out. */
  static ActivatedJob job(int retries, Map<String, String> headers, Map<String, Object> variables) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(JOB_KEY);
    when(job.getElementInstanceKey()).thenReturn(ELEMENT_INSTANCE_KEY);
    when(job.getType()).thenReturn(SendMessageWorker.TYPE);
    when(job.getBpmnProcessId()).thenReturn("post-purchase");
    when(job.getElementId()).thenReturn("send-confirmation");
    when(job.getRetries()).thenReturn(retries);
    when(job.getCustomHeaders()).thenReturn(headers);
    when(job.getVariablesAsMap()).thenReturn(variables);
    return job;
  }
}
