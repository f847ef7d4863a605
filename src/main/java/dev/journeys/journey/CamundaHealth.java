package dev.journeys.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Health of the engine in camunda mode: the cluster answers a topology request and knows a broker.
 * (The embedded engine reports its own health from its edge configuration.) Named "engine" in
 * /actuator/health either way.
 */
@Component("engineHealthIndicator")
@ConditionalOnProperty(name = "journeys.engine.mode", havingValue = "camunda")
class CamundaHealth implements HealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final CamundaClient client;

  CamundaHealth(CamundaClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    String address = CamundaConnectionCheck.address(client.getConfiguration());
    try {
      Topology topology = client.newTopologyRequest().requestTimeout(TIMEOUT).send()
          .join(TIMEOUT.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
      Health.Builder health = topology.getBrokers().isEmpty() ? Health.down().withDetail("error", "no broker") : Health.up();
      return health.withDetail("mode", "camunda").withDetail("address", address)
          .withDetail("gatewayVersion", topology.getGatewayVersion())
          .withDetail("brokers", topology.getBrokers().size()).build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("mode", "camunda").withDetail("address", address)
          .withDetail("error", String.valueOf(e.getMessage())).build();
    }
  }
}
