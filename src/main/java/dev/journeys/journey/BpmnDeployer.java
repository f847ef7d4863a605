package dev.journeys.journey;

import dev.journeys.journey.lint.JourneyMessageNames;
import dev.journeys.journey.lint.ChannelKeys;
import dev.journeys.journey.lint.JobWorkerTypes;
import dev.journeys.journey.lint.JourneyLintException;
import dev.journeys.journey.lint.LintTable;
import dev.journeys.journey.lint.LintRules;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every journey at start-up. An ApplicationRunner runs after the context (and so the engine
 * and the client) has started but before the application reports ready, so no order is accepted
 * for a journey that is not deployed. All files go in one DeployResource call: the engine deploys
 * them atomically, and unchanged files keep their version. Lint runs first: a journey with errors
 * is refused here, with every finding listed, rather than by the engine one element at a time or,
 * worse, by a customer's journey stopping (journeys.lint.fail-on-error).
 */
@Component
class BpmnDeployer implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(BpmnDeployer.class);

  private final CamundaClient client;
  private final ResourcePatternResolver resolver;
  private final DeploymentProperties properties;
  private final ListableBeanFactory beans;
  private final LintProperties lint;

  BpmnDeployer(
      CamundaClient client,
      ResourcePatternResolver resolver,
      DeploymentProperties properties,
      ListableBeanFactory beans,
      LintProperties lint) {
    this.client = client;
    this.resolver = resolver;
    this.properties = properties;
    this.beans = beans;
    this.lint = lint;
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
    lint(resources);
    DeploymentEvent deployment = deploy(resources);
    deployment
        .getProcesses()
        .forEach(
            process ->
                log.info(
                    "Deployed process {} version {} (key {}) from {}",
                    process.getBpmnProcessId(),
                    process.getVersion(),
                    process.getProcessDefinitionKey(),
                    process.getResourceName()));
  }

  private void lint(List<Resource> resources) {
    // Worker types are read now, after the context has refreshed, from its bean definitions.
    var rules = new LintRules(JobWorkerTypes.of(beans), JourneyMessageNames.all(),
        lint.locales(), lint.templates(), ChannelKeys.of(beans));
    List<LintFinding> findings = new JourneyLinter(rules).lint(
        resources.stream().map(r -> new LintSource(r.getFilename(), read(r))).toList());
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
      return Arrays.stream(resolver.getResources(properties.resources()))
          .filter(Resource::isReadable)
          // Sorted so the same files always make the same request.
          .sorted(Comparator.comparing(Resource::getFilename))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + properties.resources(), e);
    }
  }

  private DeploymentEvent deploy(List<Resource> resources) {
    DeployResourceCommandStep1 command = client.newDeployResourceCommand();
    DeployResourceCommandStep2 withResources = null;
    for (Resource resource : resources) {
      byte[] content = read(resource);
      withResources =
          withResources == null
              ? command.addResourceBytes(content, resource.getFilename())
              : withResources.addResourceBytes(content, resource.getFilename());
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
