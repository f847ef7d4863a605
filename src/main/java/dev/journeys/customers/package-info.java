/**
 * Customers: contacts, consent, preferences, time zones, devices, erasure.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {})
package dev.journeys.customers;

import org.springframework.modulith.ApplicationModule;
