package dev.journeys.notify;

import java.util.Locale;

/**
 * What a recorded decision or event counts as on the message outcomes page, worked out when it is
 * recorded and stored beside it, so counting needs no rules at read time: the outcome (sent, held,
 * skipped, ...) and its short reason (no-consent, quiet-hours, smtp-rejected, ...). A decision that
 * is no outcome (a retry, a fallback, an intermediate delivery status) counts as none.
 *
 * @param outcome one of the constants here; null when the decision is not counted
 * @param reason short and stable (the text before the first colon of a skip reason), or null
 */
record CountedAs(String outcome, String reason) {

  static final String DECIDED = "decided";
  static final String SENT = "sent";
  static final String HELD = "held";
  static final String SKIPPED = "skipped";
  static final String FAILED = "failed";
  static final String DELIVERED = "delivered";
  static final String BOUNCED = "bounced";
  static final String UNSUBSCRIBED = "unsubscribed";
  static final String OPENED = "opened";
  static final String CLICKED = "clicked";

  static final CountedAs NOTHING = new CountedAs(null, null);

  /**
   * @param decision as recorded in outbox_decision (sent, held, skipped, rejected, failed, delivery, ...)
   * @param detail the decision's detail: the skip reason, "quiet-hours until ...", the delivery status
   */
  static CountedAs decision(Channel channel, String decision, String detail) {
    return switch (decision) {
      case "sent" -> new CountedAs(SENT, null);
      case "held" -> new CountedAs(HELD, shortReason(cutAt(detail, " until ")));
      case "skipped" -> new CountedAs(SKIPPED, shortReason(detail));
      // A mail server that refuses the recipient for good is a bounce the moment we send.
      case "rejected" -> Channel.EMAIL.equals(channel) ? new CountedAs(BOUNCED, "smtp-rejected")
          : new CountedAs(FAILED, "rejected");
      case "failed" -> new CountedAs(FAILED, "gave-up");
      case "delivery" -> delivery(detail);
      default -> NOTHING;
    };
  }

  /** A provider's delivery status callback, as DeliveryStatuses words its detail ("undelivered (error 30003)"). */
  static CountedAs delivery(String detail) {
    String status = detail == null ? "" : cutAt(detail, " ").toLowerCase(Locale.ROOT);
    return switch (status) {
      case "delivered" -> new CountedAs(DELIVERED, null);
      case "undelivered" -> new CountedAs(BOUNCED, "undelivered");
      case "failed" -> new CountedAs(FAILED, "provider-failed");
      default -> NOTHING;
    };
  }

  /** "frequency-cap: 3 marketing messages in 7 days" counts under frequency-cap. */
  static String shortReason(String detail) {
    if (detail == null || detail.isBlank()) {
      return null;
    }
    String reason = cutAt(detail, ":").strip();
    return reason.length() <= 64 ? reason : reason.substring(0, 64);
  }

  private static String cutAt(String text, String separator) {
    if (text == null) {
      return null;
    }
    int at = text.indexOf(separator);
    return at > 0 ? text.substring(0, at) : text;
  }
}
