package dev.journeys.engine.gateway;

import dev.journeys.engine.processing.Processing;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** The embedded engine has no multi-tenancy: only the default tenant (or none given) is accepted. */
final class Tenants {

  private Tenants() {}

  static boolean rejected(String tenantId, String rpc, StreamObserver<?> observer) {
    return rejected(tenantId == null || tenantId.isEmpty() ? List.of() : List.of(tenantId), rpc, observer);
  }

  static boolean rejected(List<String> tenantIds, String rpc, StreamObserver<?> observer) {
    for (String tenantId : tenantIds) {
      if (!Processing.DEFAULT_TENANT.equals(tenantId)) {
        observer.onError(Statuses.invalidArgument(
            "Expected to handle request %s with tenant identifier '%s', but multi-tenancy is disabled"
                .formatted(rpc, tenantId)));
        return true;
      }
    }
    return false;
  }
}
