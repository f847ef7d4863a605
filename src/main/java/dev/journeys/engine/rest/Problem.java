package dev.journeys.engine.rest;

import io.camunda.client.protocol.rest.ProblemDetail;
import java.net.URI;

/**
 * A request the REST API refuses, answered as RFC 9457 problem JSON the way Camunda's gateway does:
 * the title names the kind of failure (Camunda's rejection types), the detail says what was wrong.
 */
final class Problem extends RuntimeException {

  private final int status;
  private final String title;

  Problem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  static Problem badRequest(String detail, Object... args) {
    return new Problem(400, "INVALID_ARGUMENT", detail.formatted(args));
  }

  static Problem notFound(String detail, Object... args) {
    return new Problem(404, "NOT_FOUND", detail.formatted(args));
  }

  static Problem notImplemented(String method, String path) {
    return new Problem(501, "NOT_IMPLEMENTED",
        "Expected an endpoint of Camunda's REST API that the embedded engine implements, but %s %s is not "
            .formatted(method, path)
            + "one of them; run against Camunda 8 for it");
  }

  int status() {
    return status;
  }

  ProblemDetail toDetail(String instance) {
    return new ProblemDetail()
        .type(URI.create("about:blank"))
        .title(title)
        .status(status)
        .detail(getMessage())
        .instance(URI.create(instance));
  }
}
