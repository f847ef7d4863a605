/**
 * Year-long journeys in seconds on the engine's controlled clock.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {"customers", "engine :: clock", "feedback", "notify", "orders"})
package dev.journeys.simulate;

import org.springframework.modulith.ApplicationModule;
