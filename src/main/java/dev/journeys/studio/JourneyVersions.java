package dev.journeys.studio;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * A journey's deployed versions and their BPMN, read through the Camunda client's REST search
 * requests: the same on the embedded engine and on a Camunda 8 cluster.
 */
@Component
class JourneyVersions {

  private static final long TIMEOUT_SECONDS = 10;

  /** One deployed version of a journey. */
  record Version(long key, int version, String name, String resourceName) {
    static Version of(ProcessDefinition d) {
      return new Version(d.getProcessDefinitionKey(), d.getVersion(), d.getName(), d.getResourceName());
    }
  }

  private final CamundaClient client;

  JourneyVersions(CamundaClient client) {
    this.client = client;
  }

  /** Every version of the journey (the newest 100), newest first. */
  List<Version> of(String processId) {
    return newest(processId, 100);
  }

  /** The newest version: one row asked for, not the list (publishing asks on every publish). */
  Optional<Version> latest(String processId) {
    return newest(processId, 1).stream().findFirst();
  }

  Optional<Version> version(String processId, int version) {
    return client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(processId).version(version))
        .page(p -> p.limit(1))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .items().stream().map(Version::of).findFirst();
  }

  private List<Version> newest(String processId, int limit) {
    return client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(processId))
        .sort(s -> s.version().desc())
        .page(p -> p.limit(limit))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .items().stream().map(Version::of).toList();
  }

  String xml(long key) {
    return client.newProcessDefinitionGetXmlRequest(key).send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
