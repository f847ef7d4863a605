package dev.journeys.journey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the start-up deployment sends to the engine.
 *
 * @param enabled false leaves deployment to someone else (e.g. Camunda Modeler against a cluster)
 * @param resources a Spring resource pattern; pom.xml copies the repository's bpmn/ folder there
 * @param decisions a Spring resource pattern for the DMN decisions deployed with the journeys
 */
@ConfigurationProperties("journeys.deployment")
record DeploymentProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("classpath*:bpmn/*.bpmn") String resources,
    @DefaultValue("classpath*:bpmn/*.dmn") String decisions) {}
