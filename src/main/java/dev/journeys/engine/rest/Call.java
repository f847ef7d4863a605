package dev.journeys.engine.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** One HTTP request as a handler sees it: the path variables of its route and the body. */
record Call(String method, String path, Map<String, String> variables, byte[] body) {

  /** A path variable that is a key, such as {@code processInstanceKey}: a number in Camunda's API. */
  long key(String name) {
    String value = variables.get(name);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw Problem.badRequest("Expected %s to be a number, but it is '%s'", name, value);
    }
  }

  ObjectNode json() {
    return Json.object(body);
  }
}
