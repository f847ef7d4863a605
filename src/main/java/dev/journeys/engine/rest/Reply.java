package dev.journeys.engine.rest;

import java.nio.charset.StandardCharsets;

/** What a handler answers: status, content type and body (none for 204). */
record Reply(int status, String contentType, byte[] body) {

  static final String JSON = "application/json";
  static final String PROBLEM_JSON = "application/problem+json";

  static Reply json(Object model) {
    return new Reply(200, JSON, Json.bytes(model));
  }

  static Reply xml(String xml) {
    return new Reply(200, "text/xml; charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
  }

  static Reply noContent() {
    return new Reply(204, null, null);
  }

  static Reply problem(Problem problem, String path) {
    return new Reply(problem.status(), PROBLEM_JSON, Json.bytes(problem.toDetail(path)));
  }
}
