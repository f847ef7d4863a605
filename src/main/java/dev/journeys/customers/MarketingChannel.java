package dev.journeys.customers;

/** A channel a customer can consent to receive marketing on. */
public enum MarketingChannel {
  EMAIL("email"),
  SMS("sms"),
  PUSH("push"),
  WHATSAPP("whatsapp");

  private final String column;

  MarketingChannel(String column) {
    this.column = column;
  }

  /**
   * The channel with this key (notify's channel keys: email, sms, ...).
   *
   * @throws IllegalArgumentException when customers keep no consent for such a channel
   */
  public static MarketingChannel fromKey(String key) {
    for (MarketingChannel channel : values()) {
      if (channel.column.equals(key)) {
        return channel;
      }
    }
    throw new IllegalArgumentException("Expected a channel customers keep consent for, one of "
        + java.util.Arrays.stream(values()).map(c -> c.column).toList() + ", but got '" + key + "'");
  }

  /** The prefix of this channel's consent columns in the customers table. */
  String column() {
    return column;
  }
}
