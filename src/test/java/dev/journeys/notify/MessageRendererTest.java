package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.orders.Order;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The renderer: locales, fallbacks, escaping, and strict variables. */
class MessageRendererTest {

  private final TestMessages messages = TestMessages.withoutRecommendations();

  @Test
  void rendersSubjectTextAndHtmlInEnglish() {
    RenderedMessage message = confirmation(TestMessages.order("en", "Jane"));

    assertThat(message.locale()).isEqualTo("en");
    assertThat(message.subject()).isEqualTo("Your order #1001 is confirmed");
    assertThat(message.text())
        .contains("Hello Jane,", "Blue mug (SKU MUG-01) x 2 at $12.50: $25.00", "Total: $25.00")
        .contains("Estimated delivery: December 24, 2030")
        // The order id is URL-encoded in the link: '#' would start a fragment.
        .contains("https://shop.test/track/%231001", "help@shop.test", "https://shop.test/help")
        .contains("our latest arrivals at https://shop.test/")
        .doesNotContain("Unsubscribe");
    assertThat(message.html())
        .contains("<td>", "Blue mug", "$25.00", "December 24, 2030", "href=\"mailto:help@shop.test\"")
        .contains("class=\"recommendations\"")
        .doesNotContain("class=\"unsubscribe\"");
  }

  @Test
  void rendersChineseForZhCn() {
    RenderedMessage message = confirmation(TestMessages.order("zh-CN", "王小明"));

    assertThat(message.locale()).isEqualTo("zh-CN");
    assertThat(message.subject()).isEqualTo("您的订单 #1001 已确认");
    assertThat(message.text()).contains("王小明，您好", "合计：US$25.00", "预计送达：2030年12月24日");
    assertThat(message.html()).contains("lang=\"zh-CN\"", "猜你喜欢");
  }

  @Test
  void fallsBackToEnglishForALanguageWithoutTemplates() {
    assertThat(confirmation(TestMessages.order("de-DE", "Jan")).locale()).isEqualTo("en");
    assertThat(messages.renderer().localeFor("order-confirmation", "en-GB")).isEqualTo("en");
    assertThat(messages.renderer().localeFor("order-confirmation", "zh-cn")).isEqualTo("zh-CN");
  }

  @Test
  void escapesCustomerInputInHtmlAndKeepsItVerbatimInText() {
    RenderedMessage message = confirmation(TestMessages.order("en", "<script>alert(1)</script> & Co"));

    assertThat(message.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script>");
    // Plain text has no markup to escape: an entity there would show up literally.
    assertThat(message.text()).contains("Hello <script>alert(1)</script> & Co,");
  }

  @Test
  void saysWhenNoDeliveryDateWasPromised() {
    Order order = TestMessages.order("en", "Jane");
    Order undated =
        new Order(order.orderId(), order.customer(), order.items(), order.total(), order.currency(),
            order.locale(), null, order.journeyKey(), order.receivedAt());

    assertThat(confirmation(undated).text())
        .contains("We will email you as soon as your order ships")
        .doesNotContain("Estimated delivery");
  }

  @Test
  void anUnknownTemplateIsAPermanentFailure() {
    assertThatThrownBy(() -> messages.renderer().localeFor("no-such-template", "en"))
        .isInstanceOf(SendFailure.class)
        .hasMessageContaining("no-such-template")
        .satisfies(e -> assertThat(((SendFailure) e).retriesAfter(5)).isZero());
  }

  @Test
  void aTemplateUsingAVariableTheMessageLacksFailsNamingItAndWhere() {
    // A test-only template (src/test/resources) that uses ${giftMessage}, which no message has.
    assertThatThrownBy(() -> render("test-missing-variable", Map.of()))
        .isInstanceOf(SendFailure.class)
        .hasMessageContaining("test-missing-variable/en.subject.txt (line 1")
        .hasMessageContaining("uses 'giftMessage'")
        .hasMessageContaining("orderId")
        .satisfies(e -> assertThat(((SendFailure) e).retriesAfter(5)).isZero());
  }

  @Test
  void aJourneyFactTheJobDoesNotCarryIsMissingNotEmpty() {
    assertThatThrownBy(() -> render("shipping-update", Map.of()))
        .isInstanceOf(SendFailure.class)
        .hasMessageContaining("uses 'shipmentStatus'");
  }

  @Test
  void aMisspelledItemPropertyFailsToo() {
    assertThatThrownBy(() -> render("test-misspelled-property", Map.of()))
        .isInstanceOf(SendFailure.class)
        .hasMessageContaining("test-misspelled-property/en.html")
        .hasMessageContaining("nmae");
  }

  private RenderedMessage confirmation(Order order) {
    return messages.render("order-confirmation", Purpose.TRANSACTIONAL, order, order.locale(), Map.of());
  }

  private RenderedMessage render(String template, Map<String, Object> facts) {
    return messages.render(template, Purpose.TRANSACTIONAL, TestMessages.order("en", "Jane"), "en", facts);
  }
}
