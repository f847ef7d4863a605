package dev.journeys.notify;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a send-message job asks for, read from its headers and variables (docs/JOURNEYS.md).
 *
 * @param orderId the order the message is about; null for customer-only messages (anniversary)
 * @param customerId Journeys' customer id; null for orders taken before customers were recorded,
 *     whose contact details then come from the order
 * @param template a folder under templates/messages/, e.g. order-confirmation
 * @param channels where to send it, e.g. [EMAIL]
 * @param facts the journey facts templates may use (shipmentStatus, carrierIssue, delayReason,
 *     rating, newsKey, shipmentEventAt, carrierIssueAt): only those the job carries, so a template
 *     that needs a missing one fails loudly
 * @param choice whether every allowed channel gets the message, or only the first the customer can
 *     receive (the default for transactional messages)
 */
public record MessageRequest(
    String orderId,
    String customerId,
    String template,
    List<Channel> channels,
    Purpose purpose,
    Map<String, Object> facts,
    ChannelChoice.Mode choice) {

  /** A request with the purpose's default channel choice (see {@link ChannelChoice}). */
  MessageRequest(String orderId, String customerId, String template, List<Channel> channels, Purpose purpose,
      Map<String, Object> facts) {
    this(orderId, customerId, template, channels, purpose, facts, ChannelChoice.Mode.defaultFor(purpose));
  }

  /** The job variables the worker fetches besides the ids. */
  static final List<String> FACTS = List.of("shipmentStatus", "carrierIssue", "delayReason", "rating",
      "shipmentEventAt", "carrierIssueAt", "newsKey");

  public MessageRequest {
    facts = Map.copyOf(facts);
  }

  /** The key of the shipping news this message tells (orders' ShipmentNews); null for other messages. */
  String newsKey() {
    Object key = facts.get("newsKey");
    return key == null || key.toString().isBlank() ? null : key.toString();
  }

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
    Purpose purpose = Purpose.fromHeader(required(headers, "purpose"));
    Map<String, Object> variables = job.getVariablesAsMap();
    String orderId = text(variables.get("orderId"));
    String customerId = text(variables.get("customerId"));
    if (orderId == null && customerId == null) {
      throw SendFailure.permanent(
          "Expected variable 'orderId' or 'customerId' to be set, but neither was");
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    for (String name : FACTS) {
      if (variables.get(name) != null) {
        facts.put(name, variables.get(name));
      }
    }
    String choice = headers.get(ChannelChoice.HEADER);
    return new MessageRequest(orderId, customerId, template, channels, purpose, facts,
        choice == null || choice.isBlank()
            ? ChannelChoice.Mode.defaultFor(purpose)
            : ChannelChoice.Mode.fromHeader(choice));
  }

  private static String text(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    // A number-typed id (e.g. a shop's numeric customer id) arrives as 42 or 42.0 from JSON.
    if (value instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return value.toString();
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
