/**
 * The outbox, rendering, consent rules and the channels (email, SMS, push).
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {"customers", "faults", "journey", "orders", "storage"})
package dev.journeys.notify;

import org.springframework.modulith.ApplicationModule;
