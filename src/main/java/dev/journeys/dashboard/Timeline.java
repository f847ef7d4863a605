package dev.journeys.dashboard;

import dev.journeys.notify.MessageHistory;
import dev.journeys.orders.OrderLookup;
import io.camunda.client.api.search.response.ElementInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything that happened to a customer around one journey, in order: the events that came in,
 * the steps the journey took, and each message's fate (sent, held until, skipped or rejected with
 * the reason, delivery status).
 */
record Timeline(List<Entry> entries) {

  /**
   * @param kind event (inbound), step (the journey) or message
   * @param status what became of it: DONE/PARKED for events, COMPLETED/ACTIVE/TERMINATED for steps,
   *     SENT/HELD/SKIPPED/REJECTED for messages
   */
  record Entry(Instant at, String kind, String what, String status, String detail) {}

  static Timeline of(List<OrderLookup.InboxEvent> events, List<ElementInstance> steps,
      List<MessageHistory.Decision> messages, DiagramSvg diagram) {
    List<Entry> entries = new ArrayList<>();
    for (OrderLookup.InboxEvent e : events) {
      String detail = e.state().equals("PARKED") ? e.parkCode() + ": " + nullToEmpty(e.reason()) : nullToEmpty(e.outcome());
      entries.add(new Entry(e.receivedAt(), "event", e.topic() + " (order " + e.orderId() + ")", e.state(), detail));
    }
    for (ElementInstance step : steps) {
      if (step.getStartDate() == null) {
        continue;
      }
      String type = step.getType() == null ? "" : step.getType().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      entries.add(new Entry(step.getStartDate().toInstant(), "step", diagram.nameOf(step.getElementId()),
          step.getState() == null ? "" : step.getState().name(),
          type + (Boolean.TRUE.equals(step.getIncident()) ? ", incident " + step.getIncidentKey() : "")
              + (step.getEndDate() == null ? "" : ", ended " + step.getEndDate().toInstant())));
    }
    for (MessageHistory.Decision m : messages) {
      StringBuilder detail = new StringBuilder();
      append(detail, m.reason());
      if (m.heldUntil() != null) {
        append(detail, "held until " + m.heldUntil().toInstant());
      }
      if (m.sentAt() != null) {
        append(detail, "sent " + m.sentAt().toInstant());
      }
      append(detail, m.lastError());
      if (m.attempts() > 1) {
        append(detail, m.attempts() + " attempts");
      }
      entries.add(new Entry(m.createdAt().toInstant(), "message", m.template() + " by " + m.channel(), m.status(),
          detail.toString()));
    }
    entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder())));
    return new Timeline(entries);
  }

  private static void append(StringBuilder text, String part) {
    if (part != null && !part.isBlank()) {
      text.append(text.isEmpty() ? "" : "; ").append(part);
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
