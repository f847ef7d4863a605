/**
 * Signed feedback links, ratings, the support follow-up.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {"customers", "journey", "notify", "orders", "storage"})
package dev.journeys.feedback;

import org.springframework.modulith.ApplicationModule;
