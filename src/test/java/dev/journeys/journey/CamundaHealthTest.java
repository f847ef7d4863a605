package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.impl.response.TopologyImpl;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition.PartitionBrokerHealth;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition.PartitionBrokerRole;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** Camunda mode's engine health from the cluster's topology, as the gateway sends it over gRPC. */
class CamundaHealthTest {

  private static Partition partition(int id, PartitionBrokerRole role, PartitionBrokerHealth health) {
    return Partition.newBuilder().setPartitionId(id).setRole(role).setHealth(health).build();
  }

  private static Health health(int partitions, BrokerInfo... brokers) {
    TopologyResponse.Builder response = TopologyResponse.newBuilder().setClusterSize(brokers.length)
        .setPartitionsCount(partitions).setReplicationFactor(brokers.length).setGatewayVersion("8.8.0");
    for (BrokerInfo broker : brokers) {
      response.addBrokers(broker);
    }
    return CamundaHealth.of(new TopologyImpl(response.build())).build();
  }

  private static BrokerInfo broker(int node, Partition... partitions) {
    BrokerInfo.Builder broker = BrokerInfo.newBuilder().setNodeId(node).setHost("zeebe-" + node).setPort(26501);
    for (Partition partition : partitions) {
      broker.addPartitions(partition);
    }
    return broker.build();
  }

  @Test
  void everyPartitionLedByAHealthyBrokerIsUp() {
    Health health = health(2,
        broker(0, partition(1, PartitionBrokerRole.LEADER, PartitionBrokerHealth.HEALTHY),
            partition(2, PartitionBrokerRole.FOLLOWER, PartitionBrokerHealth.HEALTHY)),
        broker(1, partition(1, PartitionBrokerRole.FOLLOWER, PartitionBrokerHealth.HEALTHY),
            partition(2, PartitionBrokerRole.LEADER, PartitionBrokerHealth.HEALTHY)));
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("partitions", 2);
  }

  @Test
  void aPartitionWithoutALeaderOrWithAnUnhealthyOneIsDownNamingIt() {
    Health noLeader = health(2,
        broker(0, partition(1, PartitionBrokerRole.LEADER, PartitionBrokerHealth.HEALTHY),
            partition(2, PartitionBrokerRole.FOLLOWER, PartitionBrokerHealth.HEALTHY)));
    assertThat(noLeader.getStatus()).isEqualTo(Status.DOWN);
    assertThat(noLeader.getDetails()).containsEntry("error", "partitions without a healthy leader: [2]");

    Health unhealthyLeader = health(1,
        broker(0, partition(1, PartitionBrokerRole.LEADER, PartitionBrokerHealth.UNHEALTHY)));
    assertThat(unhealthyLeader.getStatus()).isEqualTo(Status.DOWN);
    assertThat(unhealthyLeader.getDetails()).containsEntry("error", "partitions without a healthy leader: [1]")
        .containsKey("unhealthyPartitions");
  }

  @Test
  void noBrokerIsDown() {
    assertThat(health(1).getStatus()).isEqualTo(Status.DOWN);
  }
}
