/**
 * Crash points for the reliability tests: named places where a test may stop the process.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {})
package dev.journeys.faults;

import org.springframework.modulith.ApplicationModule;
