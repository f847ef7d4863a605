package dev.journeys.orders;

import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.PersonNames;
import dev.journeys.customers.MarketingChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The JSON body of POST /api/orders, as the shop sends it. */
record OrderRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = OrderRequest.ID, message = OrderRequest.ID_MESSAGE) String orderId,
    @NotNull @Valid CustomerRequest customer,
    @NotEmpty @Size(max = 500) List<@NotNull @Valid ItemRequest> items,
    @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal total,
    @NotBlank @IsoCurrency String currency,
    @NotBlank
        @Size(max = 35)
        @Pattern(
            regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*",
            message = "must be a language tag such as en or zh-CN")
        String locale,
    LocalDate estimatedDelivery,
    Instant placedAt,
    Instant promisedShipBy,
    Instant promisedDeliverBy) {

  // Ids appear in tracking links and logs: keep them to characters that need no escaping.
  static final String ID = "[A-Za-z0-9._:#-]*";
  static final String ID_MESSAGE = "may contain only letters, digits and . _ : # -";
  static final String SOURCE = "api";

  /**
   * @param id the shop's customer id; without one, guest orders with the same address share a
   *     customer
   * @param phone international format (E.164, e.g. +4915112345678) so SMS can reach it
   * @param givenName optional, with familyName: lets messages greet "Hello Ada," in English and
   *     put the family name first in Chinese; {@code name} stays the name written whole
   */
  record CustomerRequest(
      @Size(max = 64) @Pattern(regexp = OrderRequest.ID, message = OrderRequest.ID_MESSAGE) String id,
      @NotBlank @Email @Size(max = 320) String email,
      @NotBlank @Size(max = 200) String name,
      @Pattern(regexp = "\\+?[0-9][0-9 ()./-]{2,30}", message = "must be a phone number such as +4915112345678")
          String phone,
      @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166 country code such as DE") String country,
      @TimeZoneId String timeZone,
      @Valid MarketingConsentRequest marketingConsent,
      @Size(max = 200) String givenName,
      @Size(max = 200) String familyName) {}

  /** What the customer agreed to at checkout; a missing channel leaves the stored consent alone. */
  record MarketingConsentRequest(Boolean email, Boolean sms, Boolean whatsapp) {}

  record ItemRequest(
      @NotBlank @Size(max = 64) String sku,
      @NotBlank @Size(max = 200) String name,
      @NotNull @Positive Integer quantity,
      @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal unitPrice) {}

  /** The order to accept; its journey key is not known yet. */
  NewOrder toNewOrder(Instant receivedAt, OrdersProperties properties, UnaryOperator<String> guestIds) {
    String email = customer.email().trim();
    String customerId = customer.id() == null || customer.id().isBlank() ? guestIds.apply(email) : customer.id();
    Instant placed = placedAt == null ? receivedAt : placedAt;
    Order order =
        new Order(
            orderId,
            new Order.Customer(email, customer.name().trim()),
            items.stream().map(i -> new Order.Item(i.sku(), i.name(), i.quantity(), i.unitPrice())).toList(),
            total,
            currency,
            locale,
            estimatedDelivery,
            null,
            receivedAt,
            customerId,
            placed,
            promisedShipBy == null ? placed.plus(properties.defaultShipWithin()) : promisedShipBy,
            promisedDeliverBy == null ? placed.plus(properties.defaultDeliverWithin()) : promisedDeliverBy,
            Order.Shipment.NONE,
            null);
    ContactDetails contact =
        new ContactDetails(
            customerId,
            email,
            customer.phone(),
            customer.name().trim(),
            locale,
            customer.timeZone(),
            customer.country() == null ? null : customer.country().toUpperCase(java.util.Locale.ROOT),
            PersonNames.blankToNull(customer.givenName()),
            PersonNames.blankToNull(customer.familyName()));
    return new NewOrder(order, contact, consents(placed),
        new Promises(promisedShipBy != null, promisedDeliverBy != null));
  }

  private List<NewOrder.Consent> consents(Instant placed) {
    List<NewOrder.Consent> consents = new ArrayList<>();
    MarketingConsentRequest given = customer.marketingConsent();
    if (given != null && given.email() != null) {
      consents.add(new NewOrder.Consent(MarketingChannel.EMAIL, given.email(), placed, SOURCE));
    }
    if (given != null && given.sms() != null) {
      consents.add(new NewOrder.Consent(MarketingChannel.SMS, given.sms(), placed, SOURCE));
    }
    if (given != null && given.whatsapp() != null) {
      consents.add(new NewOrder.Consent(MarketingChannel.WHATSAPP, given.whatsapp(), placed, SOURCE));
    }
    return consents;
  }
}
