package dev.journeys.notify;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a send-message job asks for, read from its headers and variables.
 *
 * @param template a folder under templates/messages/, e.g. order-confirmation
 * @param channels where to send it, e.g. [EMAIL]
 * @param purpose transactional messages need no consent; marketing ones will
 */
record MessageRequest(String orderId, String template, List<Channel> channels, String purpose) {

  static final String TRANSACTIONAL = "transactional";

  static MessageRequest of(ActivatedJob job) {
    Map<String, String> headers = job.getCustomHeaders();
    String template = required(headers, "template");
    if (!template.matches("[a-z0-9-]+")) {
      throw SendFailure.permanent(
          "Expected header 'template' to be a template name such as order-confirmation, but was '%s'"
              .formatted(template));
    }
    List<Channel> channels =
        Arrays.stream(required(headers, "channels").split(",")).map(Channel::fromHeader).toList();
    String purpose = required(headers, "purpose");
    if (!purpose.equals(TRANSACTIONAL)) {
      // Marketing messages must check consent and carry unsubscribe; until the customers module
      // exists, refusing is the only safe answer.
      throw SendFailure.permanent(
          "Expected header 'purpose' to be '%s', but was '%s': other purposes need consent checks"
              .formatted(TRANSACTIONAL, purpose));
    }
    Object orderId = job.getVariablesAsMap().get("orderId");
    if (orderId == null || orderId.toString().isBlank()) {
      throw SendFailure.permanent("Expected variable 'orderId' to be set, but it was not");
    }
    return new MessageRequest(orderId.toString(), template, channels, purpose);
  }

  private static String required(Map<String, String> headers, String name) {
    String value = headers.get(name);
    if (value == null || value.isBlank()) {
      throw SendFailure.permanent(
          "Expected the task to have header '%s', but it has only %s"
              .formatted(name, headers.keySet()));
    }
    return value.trim();
  }
}
