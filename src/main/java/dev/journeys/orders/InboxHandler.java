package dev.journeys.orders;

import java.util.List;

/** Processes the inbox events of some topics. Handlers must be idempotent: events may repeat. */
interface InboxHandler {

  /** The topics handled, e.g. orders/create or api/shipment. */
  List<String> topics();

  /**
   * @return what happened, for people reading the inbox (no contact details)
   * @throws UnprocessableEventException to park the event
   */
  String handle(InboxEntry entry);

  /**
   * Like {@link #handle(InboxEntry)}, for a handler that can mark the event done in the transaction of
   * its last effect ({@link InboxCompletion#completeWithin}); the returned outcome is then only
   * logged. By default the inbox marks it done after the handler returns.
   */
  default String handle(InboxEntry entry, InboxCompletion completion) {
    return handle(entry);
  }
}
