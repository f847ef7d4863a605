package dev.journeys.notify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SMS delivery statuses a provider reports, in the order a message passes them. Callbacks can
 * arrive out of order (a late "sent" after "delivered"), so a status only ever moves forward, and
 * delivered, undelivered and failed are final.
 */
final class DeliveryStatus {

  /** Twilio's statuses by rank; accepted and scheduled come before queued (messaging services). */
  private static final Map<String, Integer> RANK = Map.of(
      "accepted", 0, "scheduled", 0, "queued", 1, "sending", 2, "sent", 3,
      "delivered", 4, "undelivered", 4, "failed", 4, "canceled", 4);

  private DeliveryStatus() {}

  /** The status in lower case when it is one we track, else null (read, received: not ours). */
  static String normalise(String status) {
    if (status == null) {
      return null;
    }
    String lower = status.trim().toLowerCase(Locale.ROOT);
    return RANK.containsKey(lower) ? lower : null;
  }

  /** The statuses a message may still leave for this one: every status ranked below it. */
  static List<String> before(String status) {
    int rank = RANK.get(status);
    return RANK.entrySet().stream().filter(e -> e.getValue() < rank).map(Map.Entry::getKey).sorted().toList();
  }
}
