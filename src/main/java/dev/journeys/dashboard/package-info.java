/**
 * The web UI: ops pages, the sandbox, simulations.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {"feedback", "notify", "orders", "simulate", "storage"})
package dev.journeys.dashboard;

import org.springframework.modulith.ApplicationModule;
