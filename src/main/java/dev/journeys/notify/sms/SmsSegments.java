package dev.journeys.notify.sms;

/**
 * How many SMS segments a body costs. A body entirely in the GSM-7 alphabet takes 160 characters
 * in one segment, 153 per segment when split (the rest carries the concatenation header); the
 * extension characters count twice. Anything else goes as UCS-2: 70 characters, 67 when split.
 */
final class SmsSegments {

  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  /** The segment count and the encoding it was counted in. */
  record Count(int segments, boolean gsm7, int units) {

    String describe() {
      return "%d segment(s), %s, %d %s".formatted(
          segments, gsm7 ? "GSM-7" : "UCS-2", units, gsm7 ? "septets" : "UTF-16 units");
    }
  }

  private SmsSegments() {}

  static Count count(String body) {
    int septets = gsmSeptets(body);
    if (septets >= 0) {
      return new Count(septets <= 160 ? 1 : ceil(septets, 153), true, septets);
    }
    // Characters outside the BMP (emoji) take two UTF-16 units, which is what UCS-2 counts.
    int units = body.length();
    return new Count(units <= 70 ? 1 : ceil(units, 67), false, units);
  }

  /** The GSM-7 length, or -1 when some character is not in the GSM-7 alphabet. */
  private static int gsmSeptets(String body) {
    int septets = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (GSM_BASIC.indexOf(c) >= 0) {
        septets++;
      } else if (GSM_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        return -1;
      }
    }
    return septets;
  }

  private static int ceil(int units, int perSegment) {
    return (units + perSegment - 1) / perSegment;
  }
}
