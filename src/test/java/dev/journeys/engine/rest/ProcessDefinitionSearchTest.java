package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journeys.engine.EngineHarness;
import dev.journeys.engine.gateway.GatewayServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.Topology;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Process definitions (search, get, XML) and the topology, through the Camunda client's REST requests. */
class ProcessDefinitionSearchTest {

  private final EngineHarness engine = EngineHarness.inMemory();
  private final CamundaClient client = engine.client();
  private long v1;
  private long v2;

  @BeforeEach
  void deploy() {
    v1 = engine.deploy(Journeys.order()).getProcesses().get(0).getProcessDefinitionKey();
    v2 = engine.deploy(Journeys.orderV2()).getProcesses().get(0).getProcessDefinitionKey();
    engine.deploy(Bpmn.createExecutableProcess("anniversary").startEvent().endEvent().done());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void theLatestVersionOfEachJourneyWithItsName() {
    List<ProcessDefinition> latest = client.newProcessDefinitionSearchRequest()
        .filter(f -> f.isLatestVersion(true))
        .sort(s -> s.processDefinitionId().asc())
        .send().join().items();

    assertThat(latest).extracting(ProcessDefinition::getProcessDefinitionId, ProcessDefinition::getVersion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("anniversary", 1),
            org.assertj.core.groups.Tuple.tuple(Journeys.ORDER, 2));
    assertThat(latest.get(1).getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(latest.get(1).getName()).isEqualTo("Order journey");
    assertThat(latest.get(1).getResourceName()).isEqualTo(Journeys.ORDER + ".bpmn");
    assertThat(latest.get(0).getName()).isNull();
  }

  @Test
  void searchesByIdVersionAndKeyAndSortsByVersion() {
    var byId = client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(Journeys.ORDER))
        .sort(s -> s.version().desc())
        .send().join();

    assertThat(byId.items()).extracting(ProcessDefinition::getVersion).containsExactly(2, 1);
    assertThat(byId.page().totalItems()).isEqualTo(2);
    assertThat(client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(Journeys.ORDER).version(1))
        .send().join().items()).extracting(ProcessDefinition::getProcessDefinitionKey).containsExactly(v1);
    assertThat(client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionKey(v2))
        .send().join().items()).extracting(ProcessDefinition::getVersion).containsExactly(2);
    assertThat(client.newProcessDefinitionSearchRequest().page(p -> p.limit(1)).send().join().page().totalItems())
        .isEqualTo(3);
  }

  @Test
  void getsADefinitionAndTheXmlToDrawIt() {
    ProcessDefinition definition = client.newProcessDefinitionGetRequest(v1).send().join();
    String xml = client.newProcessDefinitionGetXmlRequest(v2).send().join();

    assertThat(definition.getVersion()).isEqualTo(1);
    assertThat(definition.getProcessDefinitionId()).isEqualTo(Journeys.ORDER);
    assertThat(xml).contains("id=\"" + Journeys.ORDER + "\"", "id=\"thank\"", "bpmndi:BPMNDiagram");
  }

  @Test
  void anUnknownDefinitionIsNotFound() {
    ProblemException get = catchThrowableOfType(ProblemException.class,
        () -> client.newProcessDefinitionGetRequest(7L).send().join());
    ProblemException xml = catchThrowableOfType(ProblemException.class,
        () -> client.newProcessDefinitionGetXmlRequest(7L).send().join());

    assertThat(get.code()).isEqualTo(404);
    assertThat(get.details().getTitle()).isEqualTo("NOT_FOUND");
    assertThat(get.details().getDetail()).isEqualTo("Expected to find a process definition with key '7', but none found");
    assertThat(xml.code()).isEqualTo(404);
  }

  @Test
  void theTopologyOverRestIsOneHealthyBrokerLeadingOnePartition() {
    Topology topology = client.newTopologyRequest().useRest().send().join();

    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).isEqualTo(GatewayServer.GATEWAY_VERSION);
    assertThat(topology.getBrokers()).singleElement().satisfies(broker -> {
      assertThat(broker.getPartitions()).singleElement().satisfies(partition -> {
        assertThat(partition.isLeader()).isTrue();
        assertThat(partition.getHealth().name()).isEqualTo("HEALTHY");
      });
    });
  }
}
