package dev.journeys.journey;

import dev.journeys.journey.lint.JourneyLintException;
import dev.journeys.journey.lint.LintTable;
import dev.journeys.journey.lint.LintProperties;
import dev.journeys.journey.lint.LintFinding;
import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.JourneyLinter.LintSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the packaged journeys at start-up. An ApplicationRunner runs after the context (and so
 * the engine and the client) has started but before the application reports ready, so no order is
 * accepted for a journey that is not deployed. Lint runs first: a journey with errors is refused
 * here, with every finding listed, rather than by the engine one element at a time or, worse, by a
 * customer's journey stopping (journeys.lint.fail-on-error).
 *
 * <p>The deployed version is the truth: a packaged file seeds a fresh installation and is deployed
 * again only when it changed since it was last deployed from the package (journey_package keeps
 * its checksum), or when the engine no longer knows its processes (a new cluster). So a version
 * published later from Camunda Modeler or the studio is never silently replaced by a restart.
 * Files that are deployed go in one DeployResource call: the engine deploys them atomically.
 */
@Component
class BpmnDeployer implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(BpmnDeployer.class);

  record PackageFile(String name, byte[] content, String checksum) {}

  private final CamundaClient client;
  private final ResourcePatternResolver resolver;
  private final DeploymentProperties properties;
  private final ListableBeanFactory beans;
  private final LintProperties lint;
  private final PackageDeployments deployments;
  private final Clock clock;
  private final ShopEvents shopEvents;

  BpmnDeployer(
      CamundaClient client,
      ResourcePatternResolver resolver,
      DeploymentProperties properties,
      ListableBeanFactory beans,
      LintProperties lint,
      PackageDeployments deployments,
      Clock clock,
      ShopEvents shopEvents) {
    this.shopEvents = shopEvents;
    this.client = client;
    this.resolver = resolver;
    this.properties = properties;
    this.beans = beans;
    this.lint = lint;
    this.deployments = deployments;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.enabled()) {
      log.info("Start-up deployment is disabled (journeys.deployment.enabled=false)");
      return;
    }
    List<Resource> resources = findResources();
    if (resources.isEmpty()) {
      log.warn("No BPMN found at {}; nothing deployed", properties.resources());
      return;
    }
    List<PackageFile> files = resources.stream()
        .map(r -> {
          byte[] content = read(r);
          return new PackageFile(r.getFilename(), content, PackageDeployments.checksum(content));
        })
        .toList();
    long begun = System.nanoTime();
    lint(files);
    long linted = System.nanoTime();
    List<PackageFile> changedFiles = files.stream().filter(this::needsDeployment).toList();
    // a line for the start-up breakdown (bench/restart.sh, docs/BENCHMARKS.md)
    log.info("Linted {} packaged files in {} ms; compared them with the engine's in {} ms", files.size(),
        (linted - begun) / 1_000_000, (System.nanoTime() - linted) / 1_000_000);
    // the engine cannot be asked whether it still has a package's decisions (a new cluster): they go with
    // any deployment; an unchanged one keeps its version
    List<PackageFile> changed = changedFiles.isEmpty() ? changedFiles : files.stream()
        .filter(f -> changedFiles.contains(f) || f.name().endsWith(".dmn")).toList();
    if (changed.isEmpty()) {
      log.info("The {} packaged journeys are unchanged since they were last deployed from the package: "
          + "nothing deployed, the engine's latest versions stay", resources.size());
      return;
    }
    DeploymentEvent deployment = deploy(changed);
    Map<String, List<String>> processIds = new HashMap<>();
    deployment.getProcesses().forEach(process -> {
      processIds.computeIfAbsent(process.getResourceName(), name -> new ArrayList<>()).add(process.getBpmnProcessId());
      log.info("Deployed process {} version {} (key {}) from {}", process.getBpmnProcessId(), process.getVersion(),
          process.getProcessDefinitionKey(), process.getResourceName());
    });
    deployment.getDecisions().forEach(decision -> log.info("Deployed decision {} version {} (key {})",
        decision.getDmnDecisionId(), decision.getVersion(), decision.getDecisionKey()));
    for (PackageFile file : changed) {
      deployments.record(file.name(), file.checksum(), processIds.getOrDefault(file.name(), List.of()), clock.instant());
    }
  }

  /** A file new to this installation, changed in the package, or whose processes the engine lacks. */
  private boolean needsDeployment(PackageFile file) {
    Optional<PackageDeployments.Deployed> last = deployments.find(file.name());
    if (last.isEmpty()) {
      return true;
    }
    if (!last.get().checksum().equals(file.checksum())) {
      log.warn("{} changed in the package since it was last deployed from it: deploying it as the newest "
          + "version, after any published since from Camunda Modeler or the studio", file.name());
      return true;
    }
    for (String processId : last.get().processIds()) {
      if (!engineKnows(processId)) {
        log.info("The engine has no process {} (from {}): deploying the package's", processId, file.name());
        return true;
      }
    }
    return false;
  }

  private boolean engineKnows(String processId) {
    try {
      return !client.newProcessDefinitionSearchRequest()
          .filter(f -> f.processDefinitionId(processId))
          .page(p -> p.limit(1))
          .send().join().items().isEmpty();
    } catch (RuntimeException e) {
      // Without the search we cannot tell; deploying is safe (the engine keeps an identical latest).
      log.warn("Could not look up process {} in the engine ({}); deploying the package's", processId, e.toString());
      return false;
    }
  }

  private void lint(List<PackageFile> files) {
    // Worker types are read now, after the context has refreshed, from its bean definitions.
    var rules = JourneyLint.applicationRules(beans, lint, shopEvents);
    List<LintFinding> findings = new JourneyLinter(rules).lint(
        files.stream().map(f -> new LintSource(f.name(), f.content())).toList());
    if (findings.isEmpty()) {
      return;
    }
    if (lint.failOnError() && findings.stream().anyMatch(LintFinding::isError)) {
      throw new JourneyLintException(findings);
    }
    log.warn("Lint found {} in the journeys:{}{}", LintTable.summary(findings),
        System.lineSeparator(), LintTable.format(findings));
  }

  private List<Resource> findResources() {
    try {
      return java.util.stream.Stream.concat(Arrays.stream(resolver.getResources(properties.resources())),
              Arrays.stream(resolver.getResources(properties.decisions())))
          .filter(Resource::isReadable)
          // Sorted so the same files always make the same request.
          .sorted(Comparator.comparing(Resource::getFilename))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + properties.resources(), e);
    }
  }

  private DeploymentEvent deploy(List<PackageFile> files) {
    DeployResourceCommandStep1 command = client.newDeployResourceCommand();
    DeployResourceCommandStep2 withResources = null;
    for (PackageFile file : files) {
      withResources =
          withResources == null
              ? command.addResourceBytes(file.content(), file.name())
              : withResources.addResourceBytes(file.content(), file.name());
    }
    return withResources.send().join();
  }

  private static byte[] read(Resource resource) {
    try (var in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource.getDescription(), e);
    }
  }
}
