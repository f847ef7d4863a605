package dev.journeys.engine.processing;

import dev.journeys.engine.dmn.ParsedDrg;
import dev.journeys.engine.processing.DeploymentCommands.DeployedDecision;
import dev.journeys.engine.processing.DeploymentCommands.DeployedDrg;
import dev.journeys.engine.processing.DeploymentCommands.Resource;
import dev.journeys.engine.state.DecisionStore.DecisionRecord;
import dev.journeys.engine.state.DecisionStore.DrgRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The .dmn resources of one DeployResource call, as Zeebe's DmnResourceTransformer handles them:
 * parsed with the DMN engine (a failure refuses the whole deployment with the engine's reason), ids
 * unique within the deployment, and versions kept per graph id and per decision id: a graph whose
 * resource name and content are unchanged and still holds the latest version of each of its decisions
 * keeps its version, anything else is the next version, and each decision of a new graph version is a
 * new version of that decision.
 */
final class DecisionDeployment {

  private static final String REFUSAL = "Expected to deploy new resources, but encountered the following errors:";

  private final Processing p;
  private final Map<Resource, ParsedDrg> parsed = new LinkedHashMap<>();

  DecisionDeployment(Processing p) {
    this.p = p;
  }

  static boolean isDmn(Resource resource) {
    return resource.name() != null && resource.name().endsWith(".dmn");
  }

  /** Parses and checks a resource before anything is stored. */
  void add(Resource resource) {
    ParsedDrg drg = p.models().decisions().engine().parse(resource.content());
    if (!drg.isValid()) {
      throw Rejection.invalidArgument("%s", REFUSAL + "\n'" + resource.name() + "': " + drg.failure());
    }
    for (var entry : parsed.entrySet()) {
      ParsedDrg earlier = entry.getValue();
      if (earlier.id().equals(drg.id())) {
        throw Rejection.invalidArgument("%s", REFUSAL + "\nExpected the decision requirements ids to be unique within "
            + "a deployment but found a duplicated id '%s' in the resources '%s' and '%s'."
                .formatted(drg.id(), entry.getKey().name(), resource.name()));
      }
      for (ParsedDrg.Decision decision : drg.decisions()) {
        if (earlier.decisions().stream().anyMatch(d -> d.id().equals(decision.id()))) {
          throw Rejection.invalidArgument("%s", REFUSAL + "\nExpected the decision ids to be unique within a "
              + "deployment but found a duplicated id '%s' in the resources '%s' and '%s'."
                  .formatted(decision.id(), entry.getKey().name(), resource.name()));
        }
      }
    }
    parsed.put(resource, drg);
  }

  /** Stores what changed; returns the graphs and decisions in the deployment's response order. */
  void store(long deploymentKey, List<DeployedDrg> drgs, List<DeployedDecision> decisions) {
    var store = p.state().decisions();
    parsed.forEach((resource, drg) -> {
      String checksum = DeploymentCommands.checksum(resource.content());
      Optional<DrgRecord> latest = store.latestDrg(drg.id());
      boolean duplicate = latest.isPresent()
          && latest.get().resourceName().equals(resource.name())
          && latest.get().checksum().equals(checksum)
          && drg.decisions().stream().allMatch(d -> store.latestDecision(d.id())
              .map(DecisionRecord::drgKey).orElse(-1L) == latest.get().key());
      if (duplicate) {
        DrgRecord existing = latest.get();
        drgs.add(new DeployedDrg(existing.id(), existing.name(), existing.version(), existing.key(),
            existing.resourceName()));
        Map<String, DecisionRecord> byId = new HashMap<>();
        store.decisionsOf(existing.key()).forEach(d -> byId.put(d.decisionId(), d));
        for (ParsedDrg.Decision decision : drg.decisions()) {
          DecisionRecord d = byId.get(decision.id());
          decisions.add(new DeployedDecision(d.decisionId(), d.name(), d.version(), d.key(), d.drgId(), d.drgKey()));
        }
        return;
      }
      DrgRecord record = new DrgRecord(p.nextKey(), drg.id(), drg.name(),
          latest.map(r -> r.version() + 1).orElse(1), drg.namespace(), resource.name(), checksum, deploymentKey,
          Processing.DEFAULT_TENANT);
      store.insertDrg(record, resource.content(), p.now());
      p.models().decisions().put(record.key(), drg);
      drgs.add(new DeployedDrg(record.id(), record.name(), record.version(), record.key(), record.resourceName()));
      for (ParsedDrg.Decision decision : drg.decisions()) {
        int version = store.latestDecision(decision.id()).map(d -> d.version() + 1).orElse(1);
        DecisionRecord d = new DecisionRecord(p.nextKey(), decision.id(), decision.name(), version, record.key(),
            record.id(), deploymentKey, Processing.DEFAULT_TENANT);
        store.insertDecision(d, p.now());
        decisions.add(new DeployedDecision(d.decisionId(), d.name(), d.version(), d.key(), d.drgId(), d.drgKey()));
      }
    });
  }

}
