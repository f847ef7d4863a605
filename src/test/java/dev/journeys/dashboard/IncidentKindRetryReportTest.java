package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.filter.IncidentFilter;
import io.camunda.client.api.search.response.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * What the page says after retrying a kind of which some incidents could not be retried (resolved
 * meanwhile by someone else, or the cluster refusing): how many were, and which were not with the
 * engine's reason. The real engine path is IncidentBulkRetryTest's; here the engine answers as told.
 */
class IncidentKindRetryReportTest {

  private static Incident anIncident(long key) {
    Incident incident = mock(Incident.class);
    when(incident.getIncidentKey()).thenReturn(key);
    when(incident.getProcessDefinitionId()).thenReturn("post-purchase");
    when(incident.getElementId()).thenReturn("send_order_confirmation");
    when(incident.getErrorType()).thenReturn(IncidentErrorType.JOB_NO_RETRIES);
    return incident;
  }

  /** Three open incidents of the kind; the engine refuses to resolve the second. */
  private static final class Engine extends EngineReads {
    final List<Long> retried = new ArrayList<>();

    Engine() {
      super(null);
    }

    @Override
    List<Incident> openIncidents(Consumer<IncidentFilter> filter) {
      return List.of(anIncident(11), anIncident(12), anIncident(13));
    }

    @Override
    void retry(Incident incident, int retries) {
      if (incident.getIncidentKey() == 12) {
        throw new IllegalStateException("Expected to resolve incident 12, but it is already resolved");
      }
      retried.add(incident.getIncidentKey());
    }
  }

  @Test
  void saysHowManyWereRetriedAndWhichFailedWithTheReason() {
    Engine engine = new Engine();
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();

    String view = new IncidentController(engine).retryKind("post-purchase", "send_order_confirmation", "JOB_NO_RETRIES", 3,
        new TestingAuthenticationToken("operator", null), flash);

    assertThat(view).isEqualTo("redirect:/dashboard/incidents");
    assertThat(engine.retried).containsExactly(11L, 13L);
    assertThat(flash.getFlashAttributes().get("notice")).isEqualTo(
        "Retried 2 of 3 open incident(s) of post-purchase / send_order_confirmation / JOB_NO_RETRIES; their jobs have 3 retries again.");
    assertThat(flash.getFlashAttributes().get("problem"))
        .isEqualTo("1 could not be retried: 12 (Expected to resolve incident 12, but it is already resolved)");
  }

  @Test
  void groupsOpenIncidentsByJourneyElementAndTypeMostFirst() {
    Incident other = mock(Incident.class);
    when(other.getProcessDefinitionId()).thenReturn("post-purchase");
    when(other.getElementId()).thenReturn("send_delay_alert");
    when(other.getErrorType()).thenReturn(IncidentErrorType.IO_MAPPING_ERROR);
    when(other.getErrorMessage()).thenReturn("no such variable");

    List<IncidentController.Kind> kinds = IncidentController.kinds(List.of(other, anIncident(1), anIncident(2)));

    assertThat(kinds).extracting(IncidentController.Kind::element, IncidentController.Kind::errorType, IncidentController.Kind::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("send_order_confirmation", "JOB_NO_RETRIES", 2L),
            org.assertj.core.groups.Tuple.tuple("send_delay_alert", "IO_MAPPING_ERROR", 1L));
    assertThat(kinds.get(1).sample()).isEqualTo("no such variable");
  }
}
