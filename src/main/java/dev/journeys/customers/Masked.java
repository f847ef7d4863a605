package dev.journeys.customers;

/**
 * Contact details as they may appear in logs and error messages: jane@example.com becomes
 * j***@example.com and +4915112345678 becomes ***5678, enough for a person to recognise, useless to
 * anyone who reads the log.
 */
public final class Masked {

  private Masked() {}

  public static String email(String address) {
    if (address == null) {
      return null;
    }
    int at = address.indexOf('@');
    return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
  }

  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("\\D", "");
    return digits.length() <= 4 ? "***" : "***" + digits.substring(digits.length() - 4);
  }
}
