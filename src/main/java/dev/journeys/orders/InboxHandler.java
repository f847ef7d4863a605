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
}
