package dev.journeys.engine.rest;

import dev.journeys.engine.gateway.GatewayServer;
import io.camunda.client.protocol.rest.BrokerInfo;
import io.camunda.client.protocol.rest.Partition;
import io.camunda.client.protocol.rest.TopologyResponse;
import java.util.List;
import java.util.function.IntSupplier;

/** The cluster as the REST API describes it: one broker, one partition it leads, healthy. */
final class TopologyApi {

  private final String host;
  private final IntSupplier gatewayPort;

  TopologyApi(String host, IntSupplier gatewayPort) {
    this.host = host;
    this.gatewayPort = gatewayPort;
  }

  void register(Router router) {
    router.add("GET", "/v2/topology", call -> Reply.json(topology()));
  }

  private TopologyResponse topology() {
    return new TopologyResponse()
        .clusterSize(1)
        .partitionsCount(1)
        .replicationFactor(1)
        .gatewayVersion(GatewayServer.GATEWAY_VERSION)
        .brokers(List.of(new BrokerInfo()
            .nodeId(0)
            .host(host)
            .port(gatewayPort.getAsInt())
            .version(GatewayServer.GATEWAY_VERSION)
            .partitions(List.of(new Partition()
                .partitionId(1)
                .role(Partition.RoleEnum.LEADER)
                .health(Partition.HealthEnum.HEALTHY)))));
  }
}
