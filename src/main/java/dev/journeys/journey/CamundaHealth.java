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
 * Health of the engine in camunda mode: the cluster answers a topology request, and every partition
 * has a healthy leader (a cluster with a partition that has none takes no commands for the journeys
 * on it). The embedded engine reports its own health from its edge configuration. Named "engine" in
 * /actuator/health either way, and part of readiness: a load balancer sends no order to an instance
 * whose engine cannot start its journey.
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
      return of(topology).withDetail("mode", "camunda").withDetail("address", address)
          .withDetail("gatewayVersion", topology.getGatewayVersion())
          .withDetail("brokers", topology.getBrokers().size()).build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("mode", "camunda").withDetail("address", address)
          .withDetail("error", String.valueOf(e.getMessage())).build();
    }
  }

  /** UP when a broker is known and each of the cluster's partitions (1 to partitionsCount) has a healthy leader. */
  static Health.Builder of(Topology topology) {
    if (topology.getBrokers().isEmpty()) {
      return Health.down().withDetail("error", "no broker");
    }
    java.util.Set<Integer> healthyLeaders = new java.util.TreeSet<>();
    java.util.Set<Integer> unhealthy = new java.util.TreeSet<>();
    for (var broker : topology.getBrokers()) {
      for (var partition : broker.getPartitions()) {
        if (partition.getHealth() != io.camunda.client.api.response.PartitionBrokerHealth.HEALTHY) {
          unhealthy.add(partition.getPartitionId());
        } else if (partition.isLeader()) {
          healthyLeaders.add(partition.getPartitionId());
        }
      }
    }
    java.util.List<Integer> leaderless = java.util.stream.IntStream.rangeClosed(1, topology.getPartitionsCount())
        .filter(id -> !healthyLeaders.contains(id)).boxed().toList();
    Health.Builder health = leaderless.isEmpty() ? Health.up() : Health.down()
        .withDetail("error", "partitions without a healthy leader: " + leaderless);
    if (!unhealthy.isEmpty()) {
      health.withDetail("unhealthyPartitions", unhealthy);
    }
    return health.withDetail("partitions", topology.getPartitionsCount());
  }
}
