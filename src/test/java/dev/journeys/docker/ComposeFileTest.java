package dev.journeys.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml against the app it runs: every environment variable the journeys service sets
 * must name a property the app knows (Spring's relaxed binding, read back from the configuration
 * metadata the app and its dependencies ship), so a renamed property cannot silently fall back to a
 * default in the stack. Also the wiring: camunda mode, addresses of services that exist, health
 * checks behind every "service_healthy", files the stack mounts.
 */
class ComposeFileTest {

  private static final Path DOCKER = Path.of("docker");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Variables the JVM or the container reads, not Spring. */
  private static final Set<String> NOT_SPRING = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS", "TZ");

  private static Map<String, Object> services;
  private static Map<String, String> journeysEnvironment;
  private static Map<String, String> metadata; // uniform name -> type

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    try (InputStream in = Files.newInputStream(DOCKER.resolve("compose.yaml"))) {
      Map<String, Object> compose = new Yaml().load(in);
      services = (Map<String, Object>) compose.get("services");
    }
    journeysEnvironment = environment(service("journeys"));
    metadata = configurationMetadata();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) {
    assertThat(services).as("services in docker/compose.yaml").containsKey(name);
    return (Map<String, Object>) services.get(name);
  }

  /** The environment of a service, in either of compose's two spellings (map or KEY=value list). */
  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(Map<String, Object> service) {
    Object environment = service.getOrDefault("environment", Map.of());
    Map<String, String> result = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> map) {
      map.forEach((key, value) -> result.put(String.valueOf(key), String.valueOf(value)));
    } else {
      for (String entry : (List<String>) environment) {
        int equals = entry.indexOf('=');
        result.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
      }
    }
    return result;
  }

  /** All configuration metadata on the classpath: ours (target/classes) and every dependency's. */
  private static Map<String, String> configurationMetadata() throws IOException {
    Map<String, String> properties = new TreeMap<>();
    List<URL> sources = new ArrayList<>();
    for (String resource : List.of("META-INF/spring-configuration-metadata.json",
        "META-INF/additional-spring-configuration-metadata.json")) {
      sources.addAll(Collections.list(ComposeFileTest.class.getClassLoader().getResources(resource)));
    }
    for (URL source : sources) {
      try (InputStream in = source.openStream()) {
        for (JsonNode property : JSON.readTree(in).path("properties")) {
          properties.put(uniform(property.path("name").asText()), property.path("type").asText(""));
        }
      }
    }
    return properties;
  }

  /** Spring's uniform form of a property name: lower case, no dashes, indices as segments. */
  private static String uniform(String propertyName) {
    return propertyName.toLowerCase(Locale.ROOT).replace("-", "").replace("[", ".").replace("]", "");
  }

  /** The property an environment variable binds to, in uniform form (SystemEnvironmentPropertyMapper). */
  private static String propertyOf(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** Known exactly, or inside a map, list or array property (logging.level.x, management.metrics.tags.x). */
  private static boolean known(String uniformName) {
    if (metadata.containsKey(uniformName)) {
      return true;
    }
    for (int dot = uniformName.lastIndexOf('.'); dot > 0; dot = uniformName.lastIndexOf('.', dot - 1)) {
      String type = metadata.get(uniformName.substring(0, dot));
      if (type != null && (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
          || type.startsWith("java.util.Set") || type.endsWith("[]"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theMetadataIncludesOursAndTheCamundaStarters() {
    assertThat(metadata)
        .as("configuration metadata; ours comes from spring-boot-configuration-processor at compile time")
        .containsKeys("journeys.engine.mode", "journeys.camunda.startuptimeout", "camunda.client.grpcaddress",
            "camunda.client.auth.method", "spring.datasource.url", "spring.mail.host");
  }

  @Test
  void everyVariableTheJourneysServiceSetsIsAPropertyTheAppKnows() {
    List<String> unknown = journeysEnvironment.keySet().stream()
        .filter(variable -> !NOT_SPRING.contains(variable))
        .filter(variable -> !known(propertyOf(variable)))
        .map(variable -> variable + " (binds to " + propertyOf(variable) + ")")
        .toList();

    assertThat(unknown)
        .as("variables in docker/compose.yaml that bind to no property in the configuration metadata:"
            + " renamed or misspelt, they would be ignored and the default used")
        .isEmpty();
  }

  @Test
  void journeysRunsInCamundaModeAgainstTheServicesOfThisFile() {
    assertThat(journeysEnvironment)
        .containsEntry("JOURNEYS_ENGINE_MODE", "camunda")
        .containsEntry("CAMUNDA_CLIENT_MODE", "self-managed")
        .containsEntry("CAMUNDA_CLIENT_GRPCADDRESS", "http://camunda:26500")
        .containsEntry("CAMUNDA_CLIENT_RESTADDRESS", "http://camunda:8080")
        .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/journeys")
        .containsEntry("SPRING_MAIL_HOST", "mailpit")
        .containsEntry("SPRING_MAIL_PORT", "1025");
    assertThat(services).containsKeys("camunda", "elasticsearch", "postgres", "mailpit", "prometheus", "grafana");
    assertThat(environment(service("postgres"))).containsEntry("POSTGRES_DB", "journeys")
        .containsEntry("POSTGRES_USER", journeysEnvironment.get("SPRING_DATASOURCE_USERNAME"))
        .containsEntry("POSTGRES_PASSWORD", journeysEnvironment.get("SPRING_DATASOURCE_PASSWORD"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void journeysStartsOnlyOnceCamundaIsHealthyAndEveryHealthyConditionHasAHealthCheck() {
    Map<String, Object> dependsOn = (Map<String, Object>) service("journeys").get("depends_on");
    assertThat((Map<String, Object>) dependsOn.get("camunda")).containsEntry("condition", "service_healthy");
    assertThat((Map<String, Object>) dependsOn.get("postgres")).containsEntry("condition", "service_healthy");

    services.forEach((name, definition) -> {
      Object conditions = ((Map<String, Object>) definition).get("depends_on");
      if (conditions instanceof Map<?, ?> map) {
        map.forEach((dependency, condition) -> {
          if ("service_healthy".equals(((Map<String, Object>) condition).get("condition"))) {
            assertThat(service(String.valueOf(dependency)))
                .as("%s waits for %s to be healthy, so %s needs a healthcheck", name, dependency, dependency)
                .containsKey("healthcheck");
          }
        });
      }
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJourneysImageIsBuiltFromDockerfileAndEveryMountedFileExists() {
    Map<String, Object> build = (Map<String, Object>) service("journeys").get("build");
    Path context = DOCKER.resolve(String.valueOf(build.get("context"))).normalize();
    assertThat(context.resolve(String.valueOf(build.get("dockerfile")))).isRegularFile()
        .isEqualTo(DOCKER.resolve("Dockerfile"));

    services.forEach((name, definition) -> {
      for (Object volume : (List<Object>) ((Map<String, Object>) definition).getOrDefault("volumes", List.of())) {
        String source = String.valueOf(volume).split(":")[0];
        if (source.equals("./prometheus/metrics-token")) {
          // a secret: drawn by init-env.sh on first start, never in the repository (ComposeSecretsTest)
          assertThat(readQuietly(DOCKER.resolve("init-env.sh"))).contains("$out/prometheus/metrics-token");
        } else if (source.startsWith(".")) {
          assertThat(DOCKER.resolve(source)).as("%s mounts %s", name, source).exists();
        }
      }
    });
  }

  @Test
  void prometheusScrapesTheEndpointTheAppExposesAndGrafanaUsesTheProvisionedDatasource() throws Exception {
    String prometheus = Files.readString(DOCKER.resolve("prometheus/prometheus.yml"));
    assertThat(prometheus).contains("metrics_path: /actuator/prometheus", "\"journeys:8080\"");
    assertThat(prometheus).as("the metrics need a token of role metrics")
        .contains("credentials_file: /etc/prometheus/metrics-token");
    assertThat(journeysEnvironment).containsEntry("JOURNEYS_SECURITY_APITOKENS_1_ROLE", "metrics")
        .containsEntry("JOURNEYS_SECURITY_APITOKENS_1_SHA256", "${JOURNEYS_METRICS_TOKEN_SHA256:?run docker/init-env.sh first}");
    assertThat(Files.readString(Path.of("src/main/resources/application.yml")))
        .as("the actuator exposes the endpoint Prometheus scrapes").containsPattern("include: .*prometheus");

    String datasources = Files.readString(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml"));
    JsonNode dashboard = JSON.readTree(DOCKER.resolve("grafana/dashboards/journeys.json").toFile());
    List<String> datasourceUids = dashboard.findValues("datasource").stream()
        .map(datasource -> datasource.path("uid").asText()).distinct().toList();
    assertThat(datasourceUids).hasSize(1);
    assertThat(datasources).contains("uid: " + datasourceUids.get(0));
    assertThat(dashboard.findValuesAsText("expr")).anyMatch(expr -> expr.contains("camunda_job_invocations_total"))
        .anyMatch(expr -> expr.contains("http_server_requests_seconds"))
        .anyMatch(expr -> expr.contains("jvm_memory_used_bytes"));
  }

  /**
   * docker/compose.scale.yaml on top of compose.yaml: several journeys replicas without a host port
   * of their own, a balancer on 8080 whose configuration proxies to the journeys service (sticky for
   * the dashboard's login session), and Prometheus scraping every replica.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theScaleOverrideRunsReplicasBehindABalancerAndScrapesEachOfThem() throws IOException {
    Map<String, Object> scale;
    try (InputStream in = Files.newInputStream(DOCKER.resolve("compose.scale.yaml"))) {
      scale = (Map<String, Object>) new Yaml(new ComposeTags()).load(in);
    }
    Map<String, Object> overrides = (Map<String, Object>) scale.get("services");
    Map<String, Object> journeys = (Map<String, Object>) overrides.get("journeys");
    assertThat(journeys.get("ports")).as("replicas cannot share the host port: reset").isEqualTo(List.of());
    assertThat((Map<String, Object>) journeys.get("deploy")).containsEntry("replicas", 3);
    Map<String, Object> balancer = (Map<String, Object>) overrides.get("balancer");
    assertThat((List<Object>) balancer.get("ports")).containsExactly("8080:8080");
    overrides.forEach((name, definition) -> {
      for (Object volume : (List<Object>) ((Map<String, Object>) definition).getOrDefault("volumes", List.of())) {
        String source = String.valueOf(volume).split(":")[0];
        assertThat(DOCKER.resolve(source)).as("%s mounts %s", name, source).isRegularFile();
        assertThat(source).as("the secret is mounted by compose.yaml already").isNotEqualTo("./prometheus/metrics-token");
      }
    });
    assertThat(services).as("the override only adds the balancer to compose.yaml's services")
        .containsKeys(overrides.keySet().stream().filter(n -> !n.equals("balancer")).toArray(String[]::new));

    String nginx = Files.readString(DOCKER.resolve("balancer/nginx.conf"));
    assertThat(nginx).contains("server journeys:8080 resolve;", "hash $remote_addr consistent;", "listen 8080;")
        .containsPattern("location ~ \\^/\\(dashboard\\|login[^\\n]*\\n\\s*proxy_pass http://journeys_sticky;");
    String prometheus = Files.readString(DOCKER.resolve("prometheus/prometheus.scale.yml"));
    assertThat(prometheus).contains("metrics_path: /actuator/prometheus", "names: [\"journeys\"]", "port: 8080",
        "credentials_file: /etc/prometheus/metrics-token");
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Compose's !reset tag (clear what the base file set), read as an empty value. */
  private static final class ComposeTags extends org.yaml.snakeyaml.constructor.SafeConstructor {
    ComposeTags() {
      super(new org.yaml.snakeyaml.LoaderOptions());
      yamlConstructors.put(new org.yaml.snakeyaml.nodes.Tag("!reset"), new org.yaml.snakeyaml.constructor.AbstractConstruct() {
        @Override
        public Object construct(org.yaml.snakeyaml.nodes.Node node) {
          return node instanceof org.yaml.snakeyaml.nodes.SequenceNode ? List.of() : null;
        }
      });
    }
  }
}
