package dev.journeys.orders;

/**
 * The answer to an event stored in the inbox: where to watch it (GET /api/inbox/{inboxId}).
 *
 * @param duplicate true when an earlier delivery of the same event was stored: nothing new happens
 */
record EventAccepted(String inboxId, String state, boolean duplicate) {

  static EventAccepted of(InboxEntry.Stored stored) {
    return new EventAccepted(
        Long.toString(stored.entry().id()), stored.entry().state().name(), stored.duplicate());
  }
}
