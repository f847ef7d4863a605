package dev.journeys.engine.spring;

import dev.journeys.engine.state.WriterLeaseHeldException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused second engine into Spring Boot's "APPLICATION FAILED TO START" report, with what to
 * do instead (registered in META-INF/spring.factories).
 */
class WriterLeaseHeldFailureAnalyzer extends AbstractFailureAnalyzer<WriterLeaseHeldException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WriterLeaseHeldException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Only one embedded engine may write a database. To run more app instances on this database, start"
            + " them with journeys.engine.mode=camunda and camunda.client.grpc-address / rest-address pointing"
            + " at the running engine's gateway. To replace the running engine, stop it first: its lease is"
            + " freed on a clean stop, or lapses journeys.engine.lease-duration (5s by default) after a kill.",
        cause);
  }
}
