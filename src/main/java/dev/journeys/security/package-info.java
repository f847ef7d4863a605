/**
 * Who may call what: API tokens, OIDC login, roles.
 *
 * <p>Allowed dependencies are verified by ModularityTest; docs/ARCHITECTURE.md describes the module.
 */
@ApplicationModule(allowedDependencies = {})
package dev.journeys.security;

import org.springframework.modulith.ApplicationModule;
