package dev.journeys.customers;

/**
 * What an order says about its customer. Null fields leave what is stored unchanged, so an order
 * without a phone number does not erase the one an earlier order gave.
 */
public record ContactDetails(
    String customerId,
    String email,
    String phone,
    String name,
    String locale,
    String timeZone,
    String country) {

  @Override
  public String toString() {
    return "ContactDetails[customerId=%s, email=%s, phone=%s, locale=%s, timeZone=%s, country=%s]"
        .formatted(customerId, Masked.email(email), Masked.phone(phone), locale, timeZone, country);
  }
}
