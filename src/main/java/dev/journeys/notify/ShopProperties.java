package dev.journeys.notify;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the messages come from, as every template shows it, and what the shop wants said on its
 * behalf. Checked at start-up: the colour lands in style attributes and the logo in an img src, so
 * a value that is not plainly a colour or an http(s) address is refused rather than rendered.
 *
 * @param name the shop's name, in every message's header (when there is no logo) and sign-off
 * @param senderName the From display name of every email (replacing the one in journeys.notify.from)
 *     and the messages' sign-off; unset, emails keep journeys.notify.from and sign with the shop's name
 * @param logoUrl an https address of the logo shown atop every HTML email; unset shows the name
 * @param brandColour the colour of headers and buttons, #rgb or #rrggbb
 * @param cancellationRefund what the cancellation notice says about refunds: {@code none} (the
 *     default: Journeys does not know whether, when or how the shop refunds) or
 *     {@code original-payment-method} ("the refund goes back to your original payment method")
 */
@ConfigurationProperties("journeys.shop")
record ShopProperties(
    @DefaultValue("Journeys") String name,
    String senderName,
    String logoUrl,
    @DefaultValue("#1a73e8") String brandColour,
    @DefaultValue("none") Refund cancellationRefund) {

  private static final Pattern COLOUR = Pattern.compile("#(\\p{XDigit}{3}|\\p{XDigit}{6})");
  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>()]+");

  /** What the shop promises about refunds when an order is cancelled. */
  enum Refund {
    NONE,
    ORIGINAL_PAYMENT_METHOD;

    /** As templates test it: none, original-payment-method. */
    String key() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  ShopProperties {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Expected journeys.shop.name to be the shop's name, but it is blank");
    }
    senderName = senderName == null || senderName.isBlank() ? null : senderName.strip();
    logoUrl = logoUrl == null || logoUrl.isBlank() ? null : logoUrl.strip();
    if (logoUrl != null && !URL.matcher(logoUrl).matches()) {
      throw new IllegalArgumentException(
          "Expected journeys.shop.logo-url to be an http(s) address, but it is '%s'".formatted(logoUrl));
    }
    if (brandColour == null || !COLOUR.matcher(brandColour.strip()).matches()) {
      throw new IllegalArgumentException(
          "Expected journeys.shop.brand-colour to be #rgb or #rrggbb, but it is '%s'".formatted(brandColour));
    }
    brandColour = brandColour.strip();
    cancellationRefund = cancellationRefund == null ? Refund.NONE : cancellationRefund;
  }

  /** Who signs the messages. */
  String signature() {
    return senderName != null ? senderName : name;
  }

  /** The settings of a shop that configured nothing. */
  static ShopProperties defaults() {
    return new ShopProperties("Journeys", null, null, "#1a73e8", Refund.NONE);
  }
}
