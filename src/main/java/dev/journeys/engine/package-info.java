/**
 * The embedded Zeebe-protocol engine: plain Java, imports nothing else of ours; its Spring edge is the spring subpackage.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {})
package dev.journeys.engine;

import org.springframework.modulith.ApplicationModule;
