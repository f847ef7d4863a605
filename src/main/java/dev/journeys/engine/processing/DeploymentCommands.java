package dev.journeys.engine.processing;

import dev.journeys.engine.model.DeploymentRejected;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.state.SubscriptionStore.MessageStart;
import dev.journeys.engine.model.ProcessModel;
import dev.journeys.engine.state.ProcessRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DeployResource: all resources of one call are deployed together or not at all. A process whose
 * XML is unchanged since its latest version keeps that version; a changed one gets the next.
 */
public final class DeploymentCommands {

  /** One resource of a deployment request. */
  public record Resource(String name, byte[] content) {}

  /** A process as deployed: a new version, or the existing one when nothing changed. */
  public record DeployedProcess(String bpmnProcessId, int version, long key, String resourceName) {}

  /** A decision as deployed: a new version, or the existing one when its graph did not change. */
  public record DeployedDecision(String decisionId, String name, int version, long key, String drgId, long drgKey) {}

  /** A decision requirements graph (.dmn resource) as deployed. */
  public record DeployedDrg(String id, String name, int version, long key, String resourceName) {}

  public record DeploymentResult(long key, List<DeployedProcess> processes, List<DeployedDecision> decisions,
      List<DeployedDrg> decisionRequirements) {

    public DeploymentResult(long key, List<DeployedProcess> processes) {
      this(key, processes, List.of(), List.of());
    }
  }

  private final Processing p;

  public DeploymentCommands(Processing p) {
    this.p = p;
  }

  public DeploymentResult deploy(List<Resource> resources) {
    if (resources.isEmpty()) {
      throw Rejection.invalidArgument("Expected to deploy at least one resource, but none given");
    }
    Map<String, ProcessModel> models = new LinkedHashMap<>();
    Map<String, Resource> sources = new LinkedHashMap<>();
    DecisionDeployment dmn = new DecisionDeployment(p);
    for (Resource resource : resources) {
      if (DecisionDeployment.isDmn(resource)) {
        dmn.add(resource);
        continue;
      }
      for (ProcessModel model : transform(resource)) {
        Resource earlier = sources.put(model.bpmnProcessId(), resource);
        if (earlier != null) {
          throw Rejection.invalidArgument(
              "Expected each process id to be deployed once, but '%s' is in resources '%s' and '%s'",
              model.bpmnProcessId(), earlier.name(), resource.name());
        }
        models.put(model.bpmnProcessId(), model);
      }
    }
    long deploymentKey = p.nextKey();
    p.state().processes().insertDeployment(deploymentKey, Processing.DEFAULT_TENANT, p.now());
    List<DeployedProcess> deployed = new ArrayList<>();
    models.forEach((processId, model) -> deployed.add(store(deploymentKey, sources.get(processId), model)));
    List<DeployedDrg> drgs = new ArrayList<>();
    List<DeployedDecision> decisions = new ArrayList<>();
    dmn.store(deploymentKey, drgs, decisions);
    return new DeploymentResult(deploymentKey, deployed, decisions, drgs);
  }

  private List<ProcessModel> transform(Resource resource) {
    String name = resource.name() == null ? "" : resource.name();
    if (!name.endsWith(".bpmn") && !name.endsWith(".xml")) {
      throw Rejection.invalidArgument(
          "Expected resource '%s' to be BPMN (.bpmn or .xml) or DMN (.dmn), but the embedded engine deploys nothing else",
          name);
    }
    try {
      return p.models().transformer().transform(name, resource.content());
    } catch (DeploymentRejected e) {
      throw Rejection.invalidArgument("%s", e.getMessage());
    }
  }

  private DeployedProcess store(long deploymentKey, Resource resource, ProcessModel model) {
    String checksum = checksum(resource.content());
    Optional<ProcessRecord> latest = p.state().processes().latest(model.bpmnProcessId());
    if (latest.isPresent() && latest.get().checksum().equals(checksum)) {
      ProcessRecord existing = latest.get();
      return new DeployedProcess(existing.bpmnProcessId(), existing.version(), existing.key(), existing.resourceName());
    }
    int version = latest.map(r -> r.version() + 1).orElse(1);
    ProcessRecord record = new ProcessRecord(
        p.nextKey(), model.bpmnProcessId(), version, resource.name(), checksum, Processing.DEFAULT_TENANT);
    p.state().processes().insert(record, resource.content(), deploymentKey, p.now());
    p.models().put(record.key(), model);
    replaceStartEvents(record, model);
    return new DeployedProcess(record.bpmnProcessId(), version, record.key(), record.resourceName());
  }

  /** A new version's message, timer and signal start events replace those of the previous version. */
  private void replaceStartEvents(ProcessRecord record, ProcessModel model) {
    List<MessageStart> messageStarts = new ArrayList<>();
    for (var start : model.process().triggeredStartEvents()) {
      if (start.trigger() instanceof EventTrigger.Message message) {
        // ZeebeRules let only names through that are strings without variables ("=\"order-\" + \"placed\"")
        String name = message.name().isStatic() ? message.name().source()
            : (String) p.feel().evaluate(message.name(), Map.of(), start.id()).value();
        messageStarts.add(new MessageStart(record.key(), record.bpmnProcessId(), start.id(), name));
      }
    }
    p.state().subscriptions().replaceMessageStarts(record.bpmnProcessId(), messageStarts);
    p.timers().scheduleStartEvents(record, model);
    p.signals().replaceStartEvents(record, model);
  }

  static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

}
