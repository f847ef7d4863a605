package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.BrokerInfo;
import io.camunda.client.api.response.PartitionBrokerHealth;
import io.camunda.client.api.response.PartitionBrokerRole;
import io.camunda.client.api.response.PartitionInfo;
import io.camunda.client.api.response.Topology;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Topology, and the UNIMPLEMENTED answer for RPCs the engine does not serve. */
class TopologyTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void reportsOneHealthyBrokerLeadingOnePartition() {
    Topology topology = engine.client().newTopologyRequest().send().join();

    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getReplicationFactor()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).isNotBlank();
    assertThat(topology.getBrokers()).hasSize(1);
    BrokerInfo broker = topology.getBrokers().get(0);
    assertThat(broker.getHost()).isEqualTo("127.0.0.1");
    assertThat(broker.getPartitions()).hasSize(1);
    PartitionInfo partition = broker.getPartitions().get(0);
    assertThat(partition.getPartitionId()).isEqualTo(1);
    assertThat(partition.isLeader()).isTrue();
    assertThat(partition.getRole()).isEqualTo(PartitionBrokerRole.LEADER);
    assertThat(partition.getHealth()).isEqualTo(PartitionBrokerHealth.HEALTHY);
  }

  @Test
  void modifyProcessInstanceIsUnimplementedAndSaysWhich() {
    String message = Rpc.failsWith(Status.Code.UNIMPLEMENTED,
        () -> engine.client().newModifyProcessInstanceCommand(1L).activateElement("somewhere").send().join());

    assertThat(message).contains("ModifyProcessInstance");
  }

  @Test
  void theBrokerAddressHasARealPort() {
    BrokerInfo broker = engine.client().newTopologyRequest().send().join().getBrokers().get(0);

    assertThat(broker.getPort()).as("port of broker %s", broker.getAddress()).isPositive();
  }
}
