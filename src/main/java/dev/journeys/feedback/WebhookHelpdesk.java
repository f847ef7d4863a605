package dev.journeys.feedback;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Posts tickets as JSON to journeys.feedback.helpdesk-url. 2xx opens the ticket; 5xx, 408, 429 and
 * network errors or timeouts are worth retrying; any other 4xx means the helpdesk rejects this
 * request as it is, so it fails for good with the helpdesk's status.
 */
class WebhookHelpdesk implements Helpdesk {

  private static final int MAX_BODY_IN_ERROR = 200;

  private final RestClient http;
  private final String url;

  WebhookHelpdesk(RestClient.Builder builder, String url, Duration timeout) {
    // The JDK client: it never retries on its own (Apache HttpClient would, hiding failures), and
    // HTTP/1.1 because helpdesk webhooks rarely speak h2c.
    HttpClient client =
        HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
    requests.setReadTimeout(timeout);
    this.http = builder.requestFactory(requests).build();
    this.url = url;
  }

  @Override
  public void open(SupportTicket ticket) {
    try {
      http.post()
          .uri(url)
          .contentType(MediaType.APPLICATION_JSON)
          .header("Idempotency-Key", ticket.key())
          .body(ticket.body())
          .retrieve()
          .toBodilessEntity();
    } catch (RestClientResponseException e) {
      throw new HelpdeskFailure(
          permanent(e.getStatusCode()),
          "Expected the helpdesk to open a ticket for order %s, but it answered %d %s: %s"
              .formatted(ticket.orderId(), e.getStatusCode().value(), e.getStatusText(), excerpt(e)));
    } catch (ResourceAccessException e) {
      throw new HelpdeskFailure(
          false,
          "Expected the helpdesk to open a ticket for order %s, but it could not be reached: %s"
              .formatted(ticket.orderId(), e.getMessage()));
    }
  }

  private static boolean permanent(HttpStatusCode status) {
    int code = status.value();
    return status.is4xxClientError() && code != 408 && code != 429;
  }

  private static String excerpt(RestClientResponseException e) {
    String body = e.getResponseBodyAsString().strip();
    // The helpdesk may echo what it knows about the customer: keep addresses out of incidents.
    body = body.replaceAll("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)", "$1***@$2");
    return body.length() <= MAX_BODY_IN_ERROR ? body : body.substring(0, MAX_BODY_IN_ERROR) + "…";
  }

  @Override
  public String describe() {
    return "the helpdesk webhook at " + url;
  }
}
