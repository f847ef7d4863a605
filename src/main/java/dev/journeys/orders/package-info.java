/**
 * Inbound shop events: webhooks (generic JSON, Shopify), signature checks, the inbox, orders and shipments.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {"customers", "faults", "journey", "storage"})
package dev.journeys.orders;

import org.springframework.modulith.ApplicationModule;
