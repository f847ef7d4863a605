/**
 * The journey studio: what marketers edit. Drafts of journeys, lint findings per element, the
 * difference from the running version, publishing (a new version through the Camunda client),
 * rolling back, the audit of every change, and the element templates the editor offers; and the
 * message templates' drafts, previews, test sends and publishing (rendered and stored by notify).
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {"journey", "notify", "security"})
package dev.journeys.studio;

import org.springframework.modulith.ApplicationModule;
