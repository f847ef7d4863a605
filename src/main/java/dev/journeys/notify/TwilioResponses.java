package dev.journeys.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reading the answers of a Twilio-compatible Messages API, as the SMS and WhatsApp channels get them. */
public final class TwilioResponses {

  private TwilioResponses() {}

  /** A field's text; null when it is missing, not text, or blank. */
  public static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  /** ", code 21211: message" from the provider's error body, numbers in it masked for the logs; "" without one. */
  public static String errorDetail(ObjectMapper json, String body) {
    try {
      JsonNode error = json.readTree(body);
      String code = error.path("code").asText("");
      String message = PhoneNumbers.maskAll(error.path("message").asText(""));
      return code.isEmpty() ? (message.isEmpty() ? "" : ": " + message) : ", code " + code + ": " + message;
    } catch (IOException | RuntimeException notJson) {
      return "";
    }
  }
}
