package dev.journeys.notify.email;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What tests of other packages need of the email channel's internals. */
public final class EmailTestSupport {

  private EmailTestSupport() {}

  /** Records that a mail server refused this address for good, as a 550 to RCPT TO would. */
  public static void suppress(JdbcClient jdbc, String address, String reason) {
    new Suppressions(jdbc).suppress(address, reason);
  }
}
