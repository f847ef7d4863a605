package dev.journeys.customers;

/** A channel a customer can consent to receive marketing on. */
public enum MarketingChannel {
  EMAIL("email"),
  SMS("sms"),
  PUSH("push");

  private final String column;

  MarketingChannel(String column) {
    this.column = column;
  }

  /** The prefix of this channel's consent columns in the customers table. */
  String column() {
    return column;
  }
}
