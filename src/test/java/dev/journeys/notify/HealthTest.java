package dev.journeys.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.JourneysAppTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * /actuator/health with a real SMTP server (GreenMail) and a real HTTP SMS provider (WireMock), each
 * taken down and brought back while the app runs: one part per channel under channels.
 */
@JourneysAppTest
class HealthTest {

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  static final int PROVIDER_PORT = freePort();
  static final WireMockServer provider = new WireMockServer(wireMockConfig().port(PROVIDER_PORT));

  static {
    provider.start();
  }

  @AfterAll
  static void stopProvider() {
    provider.stop();
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("journeys.sms.base-url", () -> "http://127.0.0.1:" + PROVIDER_PORT);
    registry.add("journeys.sms.account-sid", () -> "AC0123456789");
    registry.add("journeys.sms.auth-token", () -> "secret");
    registry.add("journeys.sms.from", () -> "+15005550006");
    registry.add("management.endpoint.health.show-details", () -> "always");
    registry.add("management.endpoint.health.show-components", () -> "always");
  }

  @LocalServerPort int port;

  @Test
  void everyPartIsUpWhileItsServerAnswers() {
    provider.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(404)));

    Map<String, Object> health = health("");

    assertThat(health).containsEntry("status", "UP");
    Map<String, Object> components = map(health.get("components"));
    assertThat(map(components.get("engine"))).containsEntry("status", "UP");
    assertThat(map(map(components.get("engine")).get("details"))).containsEntry("mode", "embedded");
    assertThat(map(components.get("db"))).containsEntry("status", "UP");
    Map<String, Object> channels = map(map(components.get("channels")).get("components"));
    assertThat(channels).containsKeys("email", "push", "sms");
    assertThat(map(channels.get("email"))).containsEntry("status", "UP");
    assertThat(map(map(channels.get("email")).get("details"))).containsEntry("mode", "smtp");
    assertThat(map(channels.get("sms"))).containsEntry("status", "UP");
    assertThat(map(map(channels.get("sms")).get("details"))).containsEntry("mode", "provider").containsEntry("status", 404);
    assertThat(map(map(channels.get("push")).get("details"))).containsEntry("mode", "sandbox");
    assertThat(components).doesNotContainKeys("mail", "smtp", "sms");
  }

  @Test
  void emailIsDownWhileTheSmtpServerIsAwayAndUpWhenItIsBack() {
    smtp.stop();
    try {
      Map<String, Object> down = health("/channels/email");
      assertThat(down).containsEntry("status", "DOWN");
      assertThat(String.valueOf(map(down.get("details")).get("error"))).isNotBlank();
      assertThat(health("")).containsEntry("status", "DOWN");
    } finally {
      smtp.start();
    }
    assertThat(health("/channels/email")).containsEntry("status", "UP");
  }

  @Test
  void smsIsDownWhenTheProviderFailsOrIsAway() {
    provider.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(503)));
    assertThat(health("/channels/sms")).containsEntry("status", "DOWN");

    provider.stop();
    try {
      Map<String, Object> away = health("/channels/sms");
      assertThat(away).containsEntry("status", "DOWN");
      assertThat(String.valueOf(map(away.get("details")).get("error"))).contains("ConnectException");
    } finally {
      provider.start();
    }
    provider.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200)));
    assertThat(health("/channels/sms")).containsEntry("status", "UP");
  }

  private Map<String, Object> health(String component) {
    ResponseEntity<Map<String, Object>> response = RestClient.create().get()
        .uri("http://127.0.0.1:" + port + "/actuator/health" + component)
        .exchange((request, r) -> ResponseEntity.status(r.getStatusCode())
            .body(r.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() {})));
    return response.getBody();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
