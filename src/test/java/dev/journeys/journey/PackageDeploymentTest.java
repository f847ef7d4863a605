package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import dev.journeys.journey.lint.LintProperties;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The deployed version is the truth: a packaged journey seeds the engine and is deployed again only
 * when the package changed, never over a version published since from Camunda Modeler.
 */
@JourneysAppTest
class PackageDeploymentTest {

  @Autowired CamundaClient camunda;
  @Autowired ListableBeanFactory beans;
  @Autowired LintProperties lint;
  @Autowired PackageDeployments deployments;
  @Autowired Clock clock;

  @TempDir Path bpmn;

  private final String processId = "package-test-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aRestartKeepsTheVersionPublishedFromModelerUntilThePackageItselfChanges() throws Exception {
    Files.writeString(bpmn.resolve("journey.bpmn"), xml(journey("package v1")));
    startUp();
    assertThat(latestVersionName()).isEqualTo("package v1");

    // A marketer publishes a new version from Camunda Modeler (a deployment through the gateway).
    camunda.newDeployResourceCommand().addProcessModel(journey("from Modeler"), "journey.bpmn").send().join();
    assertThat(latestVersionName()).isEqualTo("from Modeler");

    startUp(); // a restart with the same package
    assertThat(latestVersionName()).as("the restart left Modeler's version the newest").isEqualTo("from Modeler");

    Files.writeString(bpmn.resolve("journey.bpmn"), xml(journey("package v2")));
    startUp(); // an upgrade whose package changed the journey
    assertThat(latestVersionName()).isEqualTo("package v2");
  }

  @Test
  void aPackagedJourneyTheEngineLacksIsDeployedAgain() throws Exception {
    Files.writeString(bpmn.resolve("journey.bpmn"), xml(journey("package v1")));
    // As if a deployment from this package was recorded against an engine that is gone (a new cluster).
    deployments.record("journey.bpmn", PackageDeployments.checksum(Files.readAllBytes(bpmn.resolve("journey.bpmn"))),
        java.util.List.of(processId), clock.instant());

    startUp();
    assertThat(latestVersionName()).isEqualTo("package v1");
  }

  /** The package's .dmn files go with its journeys: a business rule task finds its decision at once. */
  @Test
  void aPackagedDecisionIsDeployedWithTheJourneysAndCalledByThem() throws Exception {
    String decisionId = processId + "-offer";
    Files.writeString(bpmn.resolve("offer.dmn"), """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="%s-graph" name="Offer" namespace="http://x">
          <decision id="%s" name="Offer">
            <literalExpression id="offer_expression"><text>if spend > 100 then "gift" else "thanks"</text></literalExpression>
          </decision>
        </definitions>
        """.formatted(decisionId, decisionId));
    Files.writeString(bpmn.resolve("journey.bpmn"), xml(Bpmn.createExecutableProcess(processId).startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("offer"))
        .endEvent().done()));
    startUp();

    var result = camunda.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(java.util.Map.of("spend", 500)).withResult().send().join();
    assertThat(result.getVariablesAsMap()).containsEntry("offer", "gift");
  }

  private void startUp() throws Exception {
    new BpmnDeployer(camunda, new PathMatchingResourcePatternResolver(),
        new DeploymentProperties(true, bpmn.toUri() + "*.bpmn", bpmn.toUri() + "*.dmn"), beans, lint, deployments, clock,
        new ShopEvents(null))
        .run(null);
  }

  /** The name of the newest version, read from an instance started on it. */
  private String latestVersionName() {
    ProcessInstanceEvent started = camunda.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .send().join();
    String xml = camunda.newProcessDefinitionGetXmlRequest(started.getProcessDefinitionKey()).send().join();
    return Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .getModelElementById(processId).getAttributeValue("name");
  }

  private BpmnModelInstance journey(String name) {
    return Bpmn.createExecutableProcess(processId).name(name).startEvent().endEvent().done();
  }

  private static String xml(BpmnModelInstance model) {
    return Bpmn.convertToString(model);
  }
}
