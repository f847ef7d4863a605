package dev.journeys.conformance;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The conformance suite against any running engine: a Camunda 8 cluster (self-managed or SaaS), or
 * the embedded engine of a running Journeys. Configured from the environment:
 *
 * <ul>
 *   <li>{@code JOURNEYS_CONFORMANCE_GRPC_ADDRESS}, e.g. {@code http://localhost:26500}: required;
 *       without it every scenario is skipped, saying how to run them;
 *   <li>{@code JOURNEYS_CONFORMANCE_REST_ADDRESS}, e.g. {@code http://localhost:8080}: the
 *       Orchestration Cluster REST API; the incident scenarios need its search and are skipped,
 *       naming the reason, without it;
 *   <li>{@code JOURNEYS_CONFORMANCE_EVENTUALLY}, an ISO-8601 duration ({@code PT60S} by default):
 *       how long the target may take to show an effect;
 *   <li>credentials as the Camunda Java client reads them itself from the environment:
 *       {@code CAMUNDA_CLIENT_ID}, {@code CAMUNDA_CLIENT_SECRET},
 *       {@code CAMUNDA_AUTHORIZATION_SERVER_URL}, {@code CAMUNDA_TOKEN_AUDIENCE} (and
 *       {@code CAMUNDA_TOKEN_SCOPE}) for OAuth (SaaS, OIDC), or {@code CAMUNDA_BASIC_AUTH_USERNAME} and
 *       {@code CAMUNDA_BASIC_AUTH_PASSWORD}; {@code CAMUNDA_CA_CERTIFICATE_PATH} for a private CA.
 * </ul>
 *
 * <p>Every scenario names its processes, job types and messages with a per-run suffix, so two runs
 * can share one long-running cluster at the same time.
 */
@EnabledIfEnvironmentVariable(named = ExternalConformanceTest.GRPC, matches = ".*\\S.*",
    disabledReason = "No cluster to check: set " + ExternalConformanceTest.GRPC + " (e.g. http://localhost:26500), and "
        + ExternalConformanceTest.REST + " (e.g. http://localhost:8080) for the incident scenarios, then run "
        + "./mvnw test -Dtest=ExternalConformanceTest")
class ExternalConformanceTest extends EngineConformanceSuite {

  static final String GRPC = "JOURNEYS_CONFORMANCE_GRPC_ADDRESS";
  static final String REST = "JOURNEYS_CONFORMANCE_REST_ADDRESS";
  static final String EVENTUALLY = "JOURNEYS_CONFORMANCE_EVENTUALLY";

  private static CamundaClient client;
  private static boolean searchable;
  private static Duration eventually = Duration.ofSeconds(60);

  @BeforeAll
  static void connect() {
    Map<String, String> env = System.getenv();
    String grpc = env.get(GRPC);
    String rest = env.get(REST);
    searchable = rest != null && !rest.isBlank();
    if (env.get(EVENTUALLY) != null && !env.get(EVENTUALLY).isBlank()) {
      eventually = Duration.parse(env.get(EVENTUALLY));
    }
    CamundaClientBuilder builder = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create(grpc))
        // commands over gRPC, as Journeys sends them; the incident search is REST-only
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(20));
    if (searchable) {
      builder = builder.restAddress(URI.create(rest));
    }
    client = builder.build();
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  protected CamundaClient client() {
    return client;
  }

  @Override
  protected Duration eventually() {
    return eventually;
  }

  @Override
  protected void assumeIncidentSearch() {
    Assumptions.assumeTrue(searchable,
        "Incidents are read through the REST search API: set " + REST + " to run this scenario");
  }
}
