package dev.journeys;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test-only processes in a running app: deploys them through the app's own Camunda client and
 * reads what happened from the embedded engine's tables (there is no query API yet).
 */
public final class JourneyProbe {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CamundaClient client;
  private final JdbcClient jdbc;

  public JourneyProbe(CamundaClient client, JdbcClient jdbc) {
    this.client = client;
    this.jdbc = jdbc;
  }

  /**
   * Deploys a one-task process: a send-message task with these headers, as a journey has.
   *
   * @return its process id
   */
  public String deploySendMessage(String template, String purpose) {
    String id = "test-" + template + "-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-message").zeebeJobRetries("3")
            .zeebeTaskHeader("template", template)
            .zeebeTaskHeader("channels", "email")
            .zeebeTaskHeader("purpose", purpose))
        .endEvent().done());
    return id;
  }

  public void deploy(BpmnModelInstance model) {
    client.newDeployResourceCommand()
        .addProcessModel(model, model.getModelElementsByType(Process.class)
            .iterator().next().getId() + ".bpmn")
        .send().join();
  }

  public long start(String processId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
  }

  public List<String> incidentMessages(long processInstanceKey) {
    return jdbc.sql("SELECT error_message FROM engine_incident WHERE process_instance_key = ?")
        .param(processInstanceKey).query(String.class).list();
  }

  public String awaitIncident(long processInstanceKey) {
    return await().atMost(WAIT)
        .until(() -> incidentMessages(processInstanceKey), list -> !list.isEmpty())
        .get(0);
  }

  public boolean isActive(long processInstanceKey) {
    return jdbc.sql("SELECT COUNT(*) FROM engine_element_instance WHERE instance_key = ?")
        .param(processInstanceKey).query(Integer.class).single() > 0;
  }

  public void awaitCompleted(long processInstanceKey) {
    await().atMost(WAIT).until(() -> !isActive(processInstanceKey));
  }
}
