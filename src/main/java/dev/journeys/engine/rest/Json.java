package dev.journeys.engine.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON in and out of the REST API. Requests are read leniently into trees (filters come as plain
 * values or operator objects) and strictly into Camunda's generated models, so a property Camunda
 * does not define is a 400 rather than silently ignored; responses are those models, nulls left out.
 */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /** The body as a JSON object; an empty body is an empty object, as Camunda treats it. */
  static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isNull() || node.isMissingNode()) {
        return MAPPER.createObjectNode();
      }
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw Problem.badRequest("Expected the request body to be a JSON object, but it is a %s", node.getNodeType());
    } catch (IOException e) {
      throw Problem.badRequest("Expected the request body to be JSON, but: %s", e.getMessage());
    }
  }

  /** Reads the tree into one of Camunda's request models, naming what does not fit. */
  static <T> T model(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw Problem.badRequest("Expected the request body to be a %s as Camunda's API defines it, but: %s",
          type.getSimpleName(), e.getOriginalMessage());
    }
  }

  /** A JSON object of strings as the engine stores them (a job's custom headers); empty when blank. */
  static java.util.Map<String, String> stringMap(String json) {
    if (json == null || json.isBlank()) {
      return java.util.Map.of();
    }
    try {
      return MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected stored custom headers to be a JSON object of strings", e);
    }
  }

  static byte[] bytes(Object model) {
    try {
      return MAPPER.writeValueAsBytes(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected to write " + model.getClass().getSimpleName() + " as JSON, but: "
          + e.getOriginalMessage(), e);
    }
  }
}
