package dev.journeys.feedback;

/**
 * A ticket the helpdesk did not take. Permanent when the helpdesk refused the request itself (a 4xx:
 * retrying the same request cannot help, so the job raises an incident at once); otherwise the job
 * is retried with backoff.
 */
class HelpdeskFailure extends RuntimeException {

  private final boolean permanent;

  HelpdeskFailure(boolean permanent, String message) {
    super(message);
    this.permanent = permanent;
  }

  boolean permanent() {
    return permanent;
  }
}
