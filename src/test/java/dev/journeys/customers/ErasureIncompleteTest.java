package dev.journeys.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.TestCredentials;
import dev.journeys.JourneysAppTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * When a step cannot finish (the engine is away), the answer is 503 with Retry-After, the contact
 * details are erased already, nothing is recorded as done, and repeating the request finishes it.
 */
@JourneysAppTest
class ErasureIncompleteTest {

  /** Stands in for a module whose outside party (the engine) is away once, then back. */
  static final class FlakyStep implements ErasureStep {
    volatile boolean away = true;

    @Override
    public Map<String, Integer> erase(String customerId) {
      if (away) {
        throw new Incomplete("Expected to cancel journey 42, but: UNAVAILABLE", null);
      }
      return Map.of("flaky", 1);
    }
  }

  @TestConfiguration
  static class Steps {
    @Bean
    FlakyStep flakyStep() {
      return new FlakyStep();
    }
  }

  @LocalServerPort int port;
  @Autowired Customers customers;
  @Autowired FlakyStep step;

  @Test
  void anIncompleteErasureAnswers503AndARepeatFinishesIt() {
    customers.recordContact(new ContactDetails("c-flaky", "flaky@example.com", "+4915112345678", "Flaky Customer",
        "en", "Europe/Berlin", "DE"));

    ResponseEntity<Map<String, Object>> first = erase("c-flaky");

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(first.getHeaders().getFirst("Retry-After")).isEqualTo("10");
    assertThat((String) first.getBody().get("error")).contains("journey 42", "repeat the request");
    assertThat(customers.find("c-flaky").orElseThrow().email()).isNull();
    assertThat(customers.find("c-flaky").orElseThrow().erased()).isTrue();
    assertThat(records("c-flaky")).isEmpty();

    step.away = false;
    ResponseEntity<Map<String, Object>> repeat = erase("c-flaky");

    assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(repeat.getBody().get("counts")).isEqualTo(Map.ofEntries(Map.entry("contactDetails", 0),
        Map.entry("flaky", 1), Map.entry("devices", 0), Map.entry("feedbackComments", 0), Map.entry("customerJourneyErasureMessages", 0),
        Map.entry("journeysCancelled", 0), Map.entry("orderContacts", 0), Map.entry("inboxBodies", 0),
        Map.entry("outboxMessages", 0), Map.entry("sandboxEmails", 0), Map.entry("sandboxSms", 0),
        Map.entry("sandboxPushes", 0)));
    assertThat(records("c-flaky")).hasSize(1);
  }

  private ResponseEntity<Map<String, Object>> erase(String id) {
    return RestClient.create().post().uri("http://127.0.0.1:" + port + "/api/admin/customers/{id}/erasure", id)
        .header("Authorization", TestCredentials.bearer(TestCredentials.ADMIN_TOKEN))
        .exchange((request, response) -> ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
            .body(response.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() {})));
  }

  private List<Map<String, Object>> records(String id) {
    return RestClient.create().get().uri("http://127.0.0.1:" + port + "/api/admin/customers/{id}/erasure", id)
        .header("Authorization", TestCredentials.bearer(TestCredentials.ADMIN_TOKEN))
        .retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
  }
}
