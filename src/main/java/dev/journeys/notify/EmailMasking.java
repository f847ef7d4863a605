package dev.journeys.notify;

import java.util.regex.Pattern;

/** Keeps addresses out of logs and job error messages: jane@example.com becomes j***@example.com. */
public final class EmailMasking {

  private static final Pattern EMAIL =
      Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");

  private EmailMasking() {}

  public static String mask(String address) {
    if (address == null) {
      return null;
    }
    int at = address.indexOf('@');
    if (at <= 0) {
      return "***";
    }
    return address.charAt(0) + "***" + address.substring(at);
  }

  /** Masks every address in free text, such as an SMTP server's error message. */
  public static String maskAll(String text) {
    return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
  }
}
