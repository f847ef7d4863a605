package dev.journeys.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/** Says what is wrong with a JSON body in words a shop developer can act on. */
final class JsonProblems {

  private JsonProblems() {}

  /** "Malformed JSON at line 1, column 33: Unexpected end-of-input ...". */
  static String malformed(JsonProcessingException json) {
    var at = json.getLocation();
    String where = at == null ? "" : " at line %d, column %d".formatted(at.getLineNr(), at.getColumnNr());
    return "Malformed JSON" + where + ": " + json.getOriginalMessage();
  }

  /** Jackson's path as Bean Validation names fields: customer.email, items[0].quantity. */
  static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      }
    }
    return path.toString();
  }

  /** What a value of this type must be: "a number", "one of SHIPPED, DELIVERED", ... */
  static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    } else if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    } else if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    } else if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    } else if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    } else if (type == Instant.class) {
      return "an ISO-8601 instant such as 2025-12-24T10:00:00Z";
    } else if (Temporal.class.isAssignableFrom(type)) {
      return "a date such as 2025-12-24";
    }
    return "an object";
  }
}
