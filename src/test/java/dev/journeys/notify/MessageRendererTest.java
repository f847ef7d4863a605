package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.orders.Order;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

  private final MessageRenderer renderer =
      new MessageRenderer(
          new NotifyProperties(
              "Shop <orders@shop.test>",
              "help@shop.test",
              "https://shop.test/track/{orderId}",
              "https://shop.test/",
              "shop.test",
              Duration.ofSeconds(1),
              Duration.ofMinutes(1)));

  @Test
  void rendersSubjectTextAndHtmlInEnglish() {
    RenderedMessage message = renderer.render("order-confirmation", order("en", "Jane"));

    assertThat(message.locale()).isEqualTo("en");
    assertThat(message.subject()).isEqualTo("Your order #1001 is confirmed");
    assertThat(message.text())
        .contains("Hello Jane,", "Blue mug (SKU MUG-01) x 2 at $12.50: $25.00", "Total: $25.00")
        .contains("Estimated delivery: December 24, 2030")
        // The order id is URL-encoded in the link: '#' would start a fragment.
        .contains("https://shop.test/track/%231001", "help@shop.test")
        .contains("our latest arrivals at https://shop.test/");
    assertThat(message.html())
        .contains("<td>", "Blue mug", "$25.00", "December 24, 2030", "href=\"mailto:help@shop.test\"")
        .contains("class=\"recommendations\"");
  }

  @Test
  void rendersChineseForZhCn() {
    RenderedMessage message = renderer.render("order-confirmation", order("zh-CN", "王小明"));

    assertThat(message.locale()).isEqualTo("zh-CN");
    assertThat(message.subject()).isEqualTo("您的订单 #1001 已确认");
    assertThat(message.text()).contains("王小明，您好", "合计：US$25.00", "预计送达：2030年12月24日");
    assertThat(message.html()).contains("lang=\"zh-CN\"", "猜你喜欢");
  }

  @Test
  void fallsBackToEnglishForALanguageWithoutTemplates() {
    assertThat(renderer.render("order-confirmation", order("de-DE", "Jan")).locale())
        .isEqualTo("en");
    assertThat(renderer.localeFor("order-confirmation", "en-GB")).isEqualTo("en");
    assertThat(renderer.localeFor("order-confirmation", "zh-cn")).isEqualTo("zh-CN");
  }

  @Test
  void escapesCustomerInputInHtml() {
    RenderedMessage message =
        renderer.render("order-confirmation", order("en", "<script>alert(1)</script>"));

    assertThat(message.html()).contains("&lt;script&gt;").doesNotContain("<script>");
  }

  @Test
  void saysWhenNoDeliveryDateWasPromised() {
    Order order = order("en", "Jane");
    Order undated =
        new Order(order.orderId(), order.customer(), order.items(), order.total(), order.currency(),
            order.locale(), null, order.journeyKey(), order.receivedAt());

    assertThat(renderer.render("order-confirmation", undated).text())
        .contains("We will email you as soon as your order ships")
        .doesNotContain("Estimated delivery");
  }

  @Test
  void anUnknownTemplateIsAPermanentFailure() {
    assertThatThrownBy(() -> renderer.render("no-such-template", order("en", "Jane")))
        .isInstanceOf(SendFailure.class)
        .hasMessageContaining("no-such-template")
        .satisfies(e -> assertThat(((SendFailure) e).retriesAfter(5)).isZero());
  }

  private static Order order(String locale, String name) {
    return new Order(
        "#1001",
        new Order.Customer("jane@example.com", name),
        List.of(new Order.Item("MUG-01", "Blue mug", 2, new BigDecimal("12.50"))),
        new BigDecimal("25.00"),
        "USD",
        locale,
        LocalDate.of(2030, 12, 24),
        42L,
        Instant.parse("2030-12-01T10:00:00Z"));
  }
}
