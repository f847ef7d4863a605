package dev.journeys.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.engine.EmbeddedEngine;
import dev.journeys.engine.EngineHarness;
import dev.journeys.engine.EngineSecurity;
import dev.journeys.engine.EngineSettings;
import dev.journeys.engine.clock.EngineClock;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that requires authentication takes what the Camunda client sends to a self-managed
 * cluster (Basic, or an OAuth bearer token from the configured issuer) on both ports, and answers
 * everything else as Zeebe's gateway does: UNAUTHENTICATED, naming what is missing or wrong.
 */
class EngineAuthenticationTest {

  private final Issuer issuer = new Issuer();
  private final EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings(
      EngineHarness.h2("jdbc:h2:mem:auth-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "127.0.0.1", 0,
      EngineClock.system(), 256, Duration.ofSeconds(10), 0)
      .withSecurity(new EngineSecurity(
          new EngineAuth(
              new BasicCredentials(Map.of("worker", "s3cret"::equals)),
              new BearerTokens(issuer.issuer(), issuer.jwkSetUri(), Issuer.AUDIENCE)),
          null, Set.of(), EngineSecurity.DEFAULT_MAX_REQUEST_BODY)));

  @AfterEach
  void stop() {
    engine.close();
    issuer.close();
  }

  @Test
  void aClientWithBasicCredentialsIsServed() {
    try (CamundaClient client = client(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
        .username("worker").password("s3cret").build())) {
      assertThat(client.newTopologyRequest().send().join().getClusterSize()).isEqualTo(1);
    }
  }

  @Test
  void aClientWithoutCredentialsIsUnauthenticated() {
    try (CamundaClient client = client(null)) {
      assertUnauthenticated(client, "the call carries none");
    }
  }

  @Test
  void aWrongPasswordIsUnauthenticated() {
    try (CamundaClient client = client(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
        .username("worker").password("guess").build())) {
      assertUnauthenticated(client, "its password is wrong");
    }
  }

  @Test
  void aValidBearerTokenIsServed() {
    try (CamundaClient client = client(bearer(issuer.valid()))) {
      assertThat(client.newTopologyRequest().send().join().getClusterSize()).isEqualTo(1);
    }
  }

  /** What camunda.client.auth.method=oidc builds: a client fetching tokens from the issuer's token URL. */
  @Test
  void aClientWithOidcClientCredentialsIsServed(@TempDir Path cache) {
    try (CamundaClient client = client(CredentialsProvider.newCredentialsProviderBuilder()
        .clientId(Issuer.CLIENT_ID).clientSecret(issuer.clientSecret()).audience(Issuer.AUDIENCE)
        .authorizationServerUrl(issuer.tokenUrl())
        .credentialsCachePath(cache.resolve("credentials").toString()).build())) {
      assertThat(client.newTopologyRequest().send().join().getClusterSize()).isEqualTo(1);
      assertThat(client.newProcessDefinitionSearchRequest().send().join().items()).isEmpty();
    }
  }

  @Test
  void anAccessTokenTypedAtJwtIsServed() {
    try (CamundaClient client = client(bearer(issuer.validAccessToken()))) {
      assertThat(client.newTopologyRequest().send().join().getClusterSize()).isEqualTo(1);
    }
  }

  @Test
  void aTokenSignedWithASharedSecretIsUnauthenticated() {
    try (CamundaClient client = client(bearer(issuer.signedWithASharedSecret()))) {
      assertUnauthenticated(client, "Expected a bearer token signed by the configured issuer's key");
    }
  }

  @Test
  void anExpiredTokenIsUnauthenticated() {
    try (CamundaClient client = client(bearer(issuer.expired()))) {
      assertUnauthenticated(client, "Expired JWT");
    }
  }

  @Test
  void aTokenOfAnotherIssuerIsUnauthenticated() {
    try (CamundaClient client = client(bearer(issuer.fromAnotherIssuer()))) {
      assertUnauthenticated(client, "iss");
    }
  }

  @Test
  void aTokenForAnotherAudienceIsUnauthenticated() {
    try (CamundaClient client = client(bearer(issuer.forAnotherAudience()))) {
      assertUnauthenticated(client, "aud");
    }
  }

  @Test
  void aTokenSignedWithAnotherKeyIsUnauthenticated() {
    try (CamundaClient client = client(bearer(issuer.signedByAStranger()))) {
      assertUnauthenticated(client, "signature");
    }
  }

  @Test
  void theRestPortRequiresTheSameCredentials() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI topology = URI.create("http://127.0.0.1:" + engine.restPort() + "/v2/topology");

    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(topology).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> basic = http.send(HttpRequest.newBuilder(topology)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "worker:s3cret".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> token = http.send(HttpRequest.newBuilder(topology)
        .header("Authorization", "Bearer " + issuer.valid()).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> expired = http.send(HttpRequest.newBuilder(topology)
        .header("Authorization", "Bearer " + issuer.expired()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Basic"));
    assertThat(anonymous.body()).contains("the call carries none");
    assertThat(basic.statusCode()).isEqualTo(200);
    assertThat(token.statusCode()).isEqualTo(200);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).contains("Expired JWT");
  }

  private CamundaClient client(CredentialsProvider credentials) {
    var builder = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
        .restAddress(URI.create("http://127.0.0.1:" + engine.restPort()))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(10));
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }

  private static CredentialsProvider bearer(String token) {
    return new CredentialsProvider() {
      @Override
      public void applyCredentials(CredentialsApplier applier) {
        applier.put("Authorization", "Bearer " + token);
      }

      @Override
      public boolean shouldRetryRequest(StatusCode statusCode) {
        return false;
      }
    };
  }

  private static void assertUnauthenticated(CamundaClient client, String why) {
    assertThatThrownBy(() -> client.newTopologyRequest().send().join())
        .isInstanceOfSatisfying(ClientStatusException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getMessage()).contains(why);
        });
  }
}
