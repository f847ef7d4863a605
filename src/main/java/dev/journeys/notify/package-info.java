/**
 * The outbox, rendering, consent rules and a router over the channels, one sub-package each
 * (email, sms, push, whatsapp) behind {@link dev.journeys.notify.MessageChannel}.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {"customers", "faults", "journey", "orders", "storage"})
package dev.journeys.notify;

import org.springframework.modulith.ApplicationModule;
