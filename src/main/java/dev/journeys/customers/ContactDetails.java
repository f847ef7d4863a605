package dev.journeys.customers;

/**
 * What an order says about its customer. Null fields leave what is stored unchanged, so an order
 * without a phone number does not erase the one an earlier order gave.
 *
 * @param name the full name, written as its own script writes it ("Ada Lovelace", "李静")
 * @param givenName the given name, when the shop sent the name in parts; null otherwise
 * @param familyName the family name, when the shop sent the name in parts; null otherwise. The
 *     parts travel with {@code name}: a new name replaces both, so old parts never outlive it
 */
public record ContactDetails(
    String customerId,
    String email,
    String phone,
    String name,
    String locale,
    String timeZone,
    String country,
    String givenName,
    String familyName) {

  /** Contact details whose name came as one string. */
  public ContactDetails(String customerId, String email, String phone, String name, String locale,
      String timeZone, String country) {
    this(customerId, email, phone, name, locale, timeZone, country, null, null);
  }

  @Override
  public String toString() {
    return "ContactDetails[customerId=%s, email=%s, phone=%s, locale=%s, timeZone=%s, country=%s]"
        .formatted(customerId, Masked.email(email), Masked.phone(phone), locale, timeZone, country);
  }
}
