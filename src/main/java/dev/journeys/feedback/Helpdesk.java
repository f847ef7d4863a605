package dev.journeys.feedback;

/** Where support tickets go: a helpdesk's webhook, or the sandbox when none is configured. */
interface Helpdesk {

  /**
   * Opens the ticket, once per key.
   *
   * @throws HelpdeskFailure when it was not opened
   */
  void open(SupportTicket ticket);

  /** For the start-up log line. */
  String describe();
}
