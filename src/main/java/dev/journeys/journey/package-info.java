/**
 * Starting journeys, publishing messages, deploying and linting journeys, through the Camunda client.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {"customers"})
package dev.journeys.journey;

import org.springframework.modulith.ApplicationModule;
