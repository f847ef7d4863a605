package dev.journeys.engine.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an engine refused for listening beyond loopback without authentication into Spring Boot's
 * "APPLICATION FAILED TO START" report, with the two ways out (registered in META-INF/spring.factories).
 */
class EngineExposedFailureAnalyzer extends AbstractFailureAnalyzer<EngineExposedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EngineExposedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Either keep journeys.engine.host on loopback (127.0.0.1, the default) and run workers of other machines"
            + " against a Camunda 8 cluster, or configure who may call the engine: journeys.engine.auth.users"
            + " (Basic, what camunda.client.auth.method=basic sends) and/or journeys.engine.auth.oidc.issuer-uri,"
            + " jwk-set-uri and audience (OAuth bearer tokens), plus journeys.engine.tls.certificate and"
            + " private-key so the credentials do not cross the network in clear. docs/SECURITY.md explains.",
        cause);
  }
}
