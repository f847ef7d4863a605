package dev.journeys.notify;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a phone number as the shop sent it into E.164 for the SMS provider, using the customer's
 * country for numbers written nationally. Rejects what cannot take an SMS here rather than paying
 * the provider to tell us, and so that a retry never tries again.
 */
public final class PhoneNumbers {

  /** Either an E.164 mobile number or why there is none (short, for the outbox reason). */
  public record Parsed(String e164, String problem) {

    public boolean mobile() {
      return e164 != null;
    }
  }

  // Many countries (the US among them) do not tell mobile numbers from landlines by their digits.
  private static final Set<PhoneNumberType> TEXTABLE =
      Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * @param country ISO 3166-1 alpha-2, or null when unknown (then only +-prefixed numbers parse)
   */
  public static Parsed mobile(String raw, String country) {
    String region = country == null ? "ZZ" : country.toUpperCase(Locale.ROOT);
    PhoneNumber number;
    try {
      number = UTIL.parse(raw, region);
    } catch (NumberParseException e) {
      return new Parsed(null, "invalid-number");
    }
    if (!UTIL.isValidNumber(number)) {
      return new Parsed(null, "invalid-number");
    }
    PhoneNumberType type = UTIL.getNumberType(number);
    if (!TEXTABLE.contains(type)) {
      return new Parsed(null, "not-a-mobile (" + type.name().toLowerCase(Locale.ROOT) + ")");
    }
    return new Parsed(UTIL.format(number, PhoneNumberFormat.E164), null);
  }

  /** For logs: the last four digits only. */
  public static String mask(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("\\D", "");
    return digits.length() <= 4 ? "***" : "***" + digits.substring(digits.length() - 4);
  }

  /** Masks every run of six or more digits in a text, e.g. a provider's error message. */
  public static String maskAll(String text) {
    return text == null ? null : text.replaceAll("\\+?\\d[\\d ()-]{4,}\\d", "***");
  }
}
