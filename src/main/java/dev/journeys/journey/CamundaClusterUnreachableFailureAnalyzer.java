package dev.journeys.journey;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable cluster at start-up into Spring Boot's "APPLICATION FAILED TO START" report. */
class CamundaClusterUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<CamundaClusterUnreachableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CamundaClusterUnreachableException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Start the cluster (docker compose -f docker/compose.yaml up -d starts one, see README \"Running"
            + " against Camunda 8\"), or point camunda.client.grpc-address / camunda.client.rest-address"
            + " (CAMUNDA_CLIENT_GRPCADDRESS / CAMUNDA_CLIENT_RESTADDRESS) at the one you have, or set"
            + " camunda.client.mode=saas with camunda.client.cloud.* for Camunda SaaS. To run on one machine"
            + " without a cluster, leave journeys.engine.mode at 'embedded'.",
        cause);
  }
}
