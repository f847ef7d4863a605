package dev.journeys.orders;

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
import java.util.List;

/** The JSON body of POST /api/orders, as the shop sends it. */
record OrderRequest(
    @NotBlank
        @Size(max = 64)
        // Ids appear in tracking links and logs: keep them to characters that need no escaping.
        @Pattern(regexp = "[A-Za-z0-9._:#-]*", message = "may contain only letters, digits and . _ : # -")
        String orderId,
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
    LocalDate estimatedDelivery) {

  record CustomerRequest(
      @NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String name) {}

  record ItemRequest(
      @NotBlank @Size(max = 64) String sku,
      @NotBlank @Size(max = 200) String name,
      @NotNull @Positive Integer quantity,
      @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal unitPrice) {}

  /** The order to store; its journey key is not known yet. */
  Order toOrder(Instant receivedAt) {
    return new Order(
        orderId,
        new Order.Customer(customer.email().trim(), customer.name().trim()),
        items.stream()
            .map(i -> new Order.Item(i.sku(), i.name(), i.quantity(), i.unitPrice()))
            .toList(),
        total,
        currency,
        locale,
        estimatedDelivery,
        null,
        receivedAt);
  }
}
