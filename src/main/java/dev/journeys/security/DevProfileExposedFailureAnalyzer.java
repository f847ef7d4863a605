package dev.journeys.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to do when the dev profile would face the network (registered in META-INF/spring.factories). */
class DevProfileExposedFailureAnalyzer extends AbstractFailureAnalyzer<DevProfileExposedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DevProfileExposedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Remove 'dev' from spring.profiles.active (SPRING_PROFILES_ACTIVE) anywhere but a developer's machine,"
            + " and configure real logins instead (journeys.security.users, api-tokens or OIDC; README, \"Access"
            + " control\"). To use the dev profile locally, keep server.address and journeys.engine.host on"
            + " 127.0.0.1.",
        cause);
  }
}
