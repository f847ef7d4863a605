package dev.journeys.conformance;

import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The conformance suite against the real thing: the camunda/camunda 8.8 orchestration cluster image
 * (the version of the Camunda client in pom.xml) with Elasticsearch as its secondary storage, which
 * the incident search needs. Skipped, saying so, where no Docker engine runs.
 *
 * <p>Configured as Camunda's own docs configure a cluster for development: secondary storage by the
 * unified {@code CAMUNDA_DATA_SECONDARYSTORAGE_*} settings, an unprotected API and no authorizations.
 */
@Testcontainers(disabledWithoutDocker = true)
class Camunda88ConformanceTest extends EngineConformanceSuite {

  static final DockerImageName CAMUNDA = DockerImageName.parse("camunda/camunda:8.8.14");
  static final DockerImageName ELASTICSEARCH =
      DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch:8.17.5");
  private static final Network NETWORK = Network.newNetwork();

  @Container
  static final GenericContainer<?> elasticsearch = new GenericContainer<>(ELASTICSEARCH)
      .withNetwork(NETWORK)
      .withNetworkAliases("elasticsearch")
      .withEnv("discovery.type", "single-node")
      .withEnv("xpack.security.enabled", "false")
      .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
      .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
      .withExposedPorts(9200)
      .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).forStatusCode(200)
          .withStartupTimeout(Duration.ofMinutes(3)));

  @Container
  static final GenericContainer<?> camunda = new GenericContainer<>(CAMUNDA)
      .withNetwork(NETWORK)
      .dependsOn(elasticsearch)
      .withEnv("CAMUNDA_DATA_SECONDARYSTORAGE_TYPE", "elasticsearch")
      .withEnv("CAMUNDA_DATA_SECONDARYSTORAGE_ELASTICSEARCH_URL", "http://elasticsearch:9200")
      .withEnv("CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI", "true")
      .withEnv("CAMUNDA_SECURITY_AUTHORIZATIONS_ENABLED", "false")
      // CI machines have little disk; the broker refuses commands below its free-space watermarks
      .withEnv("CAMUNDA_DATA_PRIMARYSTORAGE_DISK_FREESPACE_PROCESSING", "512MB")
      .withEnv("CAMUNDA_DATA_PRIMARYSTORAGE_DISK_FREESPACE_REPLICATION", "256MB")
      .withExposedPorts(26500, 8080, 9600)
      .waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(9600).forStatusCode(200)
          .withStartupTimeout(Duration.ofMinutes(5)));

  private static CamundaClient client;

  @BeforeAll
  static void connect() {
    client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://" + camunda.getHost() + ":" + camunda.getMappedPort(26500)))
        .restAddress(URI.create("http://" + camunda.getHost() + ":" + camunda.getMappedPort(8080)))
        // commands over gRPC, as Journeys sends them; the incident search is REST-only
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
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

  /** Incidents reach the search API through the exporter, so they show up with a delay. */
  @Override
  protected Duration eventually() {
    return Duration.ofSeconds(60);
  }
}
