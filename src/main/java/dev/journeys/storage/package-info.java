/**
 * Database upkeep shared by the modules: transaction batching, H2 file maintenance.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {})
package dev.journeys.storage;

import org.springframework.modulith.ApplicationModule;
