package dev.journeys.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The compose stack works on first start: docker/init-env.sh draws every secret compose.yaml asks
 * for, writes them where compose and Prometheus read them, prints the admin password and the shop
 * token once, and keeps only their hashes; the files it writes are git-ignored. The script runs here
 * for real, with the app's own hash-password command on this JVM instead of the Docker image.
 */
class ComposeSecretsTest {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]*}");
  private static final Pattern PRINTED = Pattern.compile("dashboard login:\\s+admin / (\\S+)\\s+shop API token:\\s+(\\S+)");

  @TempDir Path out;

  @Test
  void initEnvWritesEverySecretComposeNeedsAndPrintsOnlyWhatPeopleType() throws Exception {
    Set<String> required = requiredVariables();
    assertThat(required).as("compose.yaml asks for its secrets instead of carrying them")
        .contains("JOURNEYS_ADMIN_PASSWORD_HASH", "JOURNEYS_SHOP_TOKEN_SHA256", "JOURNEYS_METRICS_TOKEN_SHA256",
            "JOURNEYS_SHOPIFY_WEBHOOK_SECRET");

    Process script = initEnv().start();
    script.getOutputStream().close();
    assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.exitValue()).as(printed).isZero();

    Map<String, String> env = dotEnv(out.resolve(".env"));
    assertThat(env.keySet()).as("docker/.env holds every variable compose.yaml requires").containsAll(required);
    Matcher shown = PRINTED.matcher(printed);
    assertThat(shown.find()).as(printed).isTrue();
    String password = shown.group(1);
    String shopToken = shown.group(2);
    assertThat(new BCryptPasswordEncoder().matches(password, env.get("JOURNEYS_ADMIN_PASSWORD_HASH")))
        .as("the admin hash is of the printed password").isTrue();
    assertThat(env.get("JOURNEYS_SHOP_TOKEN_SHA256")).isEqualTo(sha256(shopToken));
    String metricsToken = Files.readString(out.resolve("prometheus/metrics-token"));
    assertThat(env.get("JOURNEYS_METRICS_TOKEN_SHA256")).isEqualTo(sha256(metricsToken));
    assertThat(env.get("JOURNEYS_SHOPIFY_WEBHOOK_SECRET")).matches("[0-9a-f]{64}");
    assertThat(Files.readString(out.resolve(".env"))).as("nothing in the file can be typed in as it is")
        .doesNotContain(password).doesNotContain(shopToken).doesNotContain(metricsToken);

    Process again = initEnv().start();
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).as("an existing .env is not replaced without --force").isEqualTo(1);
    assertThat(dotEnv(out.resolve(".env"))).isEqualTo(env);
  }

  @Test
  void theSecretsItWritesAreIgnoredByGitAndDocumentedInTheExample() throws IOException {
    List<String> ignored = Files.readAllLines(Path.of(".gitignore"));
    assertThat(ignored).contains("docker/.env", "docker/prometheus/metrics-token");
    assertThat(dotEnv(Path.of("docker/.env.example")).keySet()).containsAll(requiredVariables());
    for (String prometheus : List.of("docker/prometheus/prometheus.yml", "docker/prometheus/prometheus.scale.yml")) {
      assertThat(Files.readString(Path.of(prometheus))).as(prometheus)
          .contains("credentials_file: /etc/prometheus/metrics-token").doesNotContain("credentials:");
    }
    assertThat(Files.readString(Path.of("docker/compose.yaml")))
        .contains("./prometheus/metrics-token:/etc/prometheus/metrics-token:ro");
  }

  /** The script, hashing with the app's own hash-password command on this JVM instead of a Docker image. */
  private ProcessBuilder initEnv() {
    ProcessBuilder builder = new ProcessBuilder("bash", "docker/init-env.sh", "--out", out.toString()).redirectErrorStream(true);
    builder.environment().put("JOURNEYS_HASH_PASSWORD_COMMAND", Path.of(System.getProperty("java.home"), "bin", "java")
        + " -cp " + System.getProperty("java.class.path") + " dev.journeys.JourneysApplication hash-password");
    return builder;
  }

  private static Set<String> requiredVariables() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(Files.readString(Path.of("docker/compose.yaml")));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** KEY='value' lines (init-env.sh writes single-quoted values, which compose takes literally). */
  private static Map<String, String> dotEnv(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String value = line.substring(equals + 1);
      if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(line.substring(0, equals), value);
    }
    return values;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
