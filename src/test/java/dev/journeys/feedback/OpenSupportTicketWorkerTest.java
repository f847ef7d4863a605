package dev.journeys.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The open-support-ticket worker against a stubbed job and job client: the ticket it builds from
 * the job, and the retries each kind of helpdesk failure gets. The helpdesk over HTTP is
 * {@link HelpdeskWebhookTest}'s.
 */
class OpenSupportTicketWorkerTest {

  static final long ELEMENT_INSTANCE_KEY = 2251799813685300L;
  static final Duration BACKOFF = Duration.ofSeconds(10);

  final Helpdesk helpdesk = mock(Helpdesk.class);
  final RatingLinks ratingLinks = mock(RatingLinks.class);
  final FeedbackStore feedback = mock(FeedbackStore.class);
  static final java.time.Instant NOW = java.time.Instant.parse("2030-01-01T10:00:00Z");
  final OpenSupportTicketWorker worker = new OpenSupportTicketWorker(helpdesk, ratingLinks,
      new FeedbackProperties("http://helpdesk.example/tickets", Duration.ofSeconds(10), BACKOFF,
          Duration.ofMinutes(1), Duration.ofDays(7)), feedback, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
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
    when(ratingLinks.viewUrl("1001")).thenReturn("https://shop.example/api/feedback/view/signed");
  }

  @Test
  void opensATicketKeyedByTheTaskAndCompletesTheJob() {
    worker.openSupportTicket(client, job(3, Map.of("orderId", "1001", "customerId", "c-7", "rating", 2)));

    ArgumentCaptor<SupportTicket> ticket = ArgumentCaptor.forClass(SupportTicket.class);
    verify(helpdesk).open(ticket.capture());
    assertThat(ticket.getValue()).isEqualTo(new SupportTicket(Long.toString(ELEMENT_INSTANCE_KEY), "1001", "c-7", 2,
        "https://shop.example/api/feedback/view/signed"));
    verify(feedback).markTicketOpened("1001", NOW);
    verify(complete).send();
    verify(client, never()).newFailCommand(any(ActivatedJob.class));
  }

  @Test
  void aJobWithoutCustomerOrRatingStillOpensATicket() {
    worker.openSupportTicket(client, job(3, Map.of("orderId", "1001")));

    ArgumentCaptor<SupportTicket> ticket = ArgumentCaptor.forClass(SupportTicket.class);
    verify(helpdesk).open(ticket.capture());
    assertThat(ticket.getValue().customerId()).isNull();
    assertThat(ticket.getValue().rating()).isNull();
    verify(complete).send();
  }

  @Test
  void aJobWithoutAnOrderIsAnIncidentAtOnce() {
    worker.openSupportTicket(client, job(3, Map.of("customerId", "c-7", "rating", 1)));

    verify(fail).retries(0);
    verify(failWith).retryBackoff(Duration.ZERO);
    verify(failWith).errorMessage("Expected variable 'orderId' to be set, but it was not");
    verify(helpdesk, never()).open(any());
    verify(client, never()).newCompleteCommand(any(ActivatedJob.class));
  }

  @Test
  void aHelpdeskOutageUsesUpOneRetryAndWaitsTheBackoff() {
    doThrow(new HelpdeskFailure(false, "Helpdesk answered 503")).when(helpdesk).open(any());

    worker.openSupportTicket(client, job(3, Map.of("orderId", "1001", "rating", 2)));

    verify(fail).retries(2);
    verify(failWith).retryBackoff(BACKOFF);
    verify(failWith).errorMessage("Helpdesk answered 503");
    verify(failWith).send();
    verify(feedback, never()).markTicketOpened(any(), any());
    verify(client, never()).newCompleteCommand(any(ActivatedJob.class));
  }

  @Test
  void theLastRetryFailsWithoutBackoff() {
    doThrow(new HelpdeskFailure(false, "Helpdesk answered 503")).when(helpdesk).open(any());

    worker.openSupportTicket(client, job(1, Map.of("orderId", "1001", "rating", 2)));

    verify(fail).retries(0);
    verify(failWith).retryBackoff(Duration.ZERO);
  }

  @Test
  void aRefusalIsAnIncidentAtOnce() {
    doThrow(new HelpdeskFailure(true, "Helpdesk answered 422")).when(helpdesk).open(any());

    worker.openSupportTicket(client, job(3, Map.of("orderId", "1001", "rating", 1)));

    verify(fail).retries(0);
    verify(failWith).retryBackoff(Duration.ZERO);
    verify(failWith).errorMessage("Helpdesk answered 422");
  }

  private static ActivatedJob job(int retries, Map<String, Object> variables) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(42L);
    when(job.getElementInstanceKey()).thenReturn(ELEMENT_INSTANCE_KEY);
    when(job.getType()).thenReturn(OpenSupportTicketWorker.TYPE);
    when(job.getBpmnProcessId()).thenReturn("post-purchase");
    when(job.getElementId()).thenReturn("open-ticket");
    when(job.getRetries()).thenReturn(retries);
    when(job.getVariablesAsMap()).thenReturn(variables);
    return job;
  }
}
