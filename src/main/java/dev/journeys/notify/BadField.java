package dev.journeys.notify;

import java.util.Map;

/**
 * A request parameter or body field that is wrong: answered 400 with
 * {@code {"error": "...", "fields": {"<field>": "..."}}}, the shape of the shop API's errors.
 */
public class BadField extends IllegalArgumentException {

  private final String field;

  public BadField(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The answer's body. */
  public Map<String, Object> body() {
    return Map.of("error", getMessage(), "fields", Map.of(field, getMessage()));
  }
}
