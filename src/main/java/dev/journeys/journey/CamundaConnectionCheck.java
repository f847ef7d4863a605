package dev.journeys.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.Topology;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * In camunda mode, asks the cluster for its topology once every bean exists but before job workers
 * open and the web server starts. A missing or unreachable cluster then fails start-up with one
 * message naming the address, instead of workers logging connection errors forever while the app
 * reports itself healthy and the deployment of bpmn/ hangs.
 */
@Component
@ConditionalOnProperty(name = "journeys.engine.mode", havingValue = "camunda")
class CamundaConnectionCheck implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(CamundaConnectionCheck.class);

  /** Beyond the request's own timeout, so the client reports its failure before we give up on it. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final CamundaClient client;
  private final CamundaProperties properties;

  CamundaConnectionCheck(CamundaClient client, CamundaProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String address = address(client.getConfiguration());
    Duration timeout = properties.startupTimeout();
    Topology topology;
    try {
      topology = client.newTopologyRequest().requestTimeout(timeout).send()
          .join(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw new CamundaClusterUnreachableException(address, describe(e, timeout), e);
    }
    if (topology.getBrokers().isEmpty()) {
      throw new CamundaClusterUnreachableException(
          address, "its gateway (version " + topology.getGatewayVersion() + ") knows no broker yet", null);
    }
    log.info("Connected to the Camunda 8 cluster at {}: gateway {}, {} broker(s), {} partition(s)",
        address, topology.getGatewayVersion(), topology.getBrokers().size(), topology.getPartitionsCount());
  }

  /** The address the client sends commands to: the one a failure is about. */
  static String address(CamundaClientConfiguration configuration) {
    return configuration.preferRestOverGrpc()
        ? configuration.getRestAddress() + " (REST)"
        : configuration.getGrpcAddress() + " (gRPC)";
  }

  private static String describe(Throwable failure, Duration timeout) {
    String within = "within " + format(timeout) + " (journeys.camunda.startup-timeout)";
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClientStatusException status) {
        return switch (status.getStatusCode()) {
          case DEADLINE_EXCEEDED -> "it did not answer a topology request " + within;
          case UNAVAILABLE -> "nothing answered there: " + status.getMessage() + rootCause(status);
          case UNAUTHENTICATED, PERMISSION_DENIED ->
              "it refused the client's credentials (camunda.client.auth.*): " + status.getMessage();
          default -> "its topology request failed with " + status.getStatusCode() + ": " + status.getMessage();
        };
      }
      if (cause instanceof TimeoutException) {
        return "it did not answer a topology request " + within;
      }
    }
    return "its topology request failed: " + failure.getMessage();
  }

  /** gRPC says "io exception"; the socket's own words ("Connection refused", a DNS failure) say more. */
  private static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
  }

  private static String format(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
  }
}
