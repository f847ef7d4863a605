package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.orders.Order;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message of docs/JOURNEYS.md, in en and zh-CN: subject, text and HTML, escaped. */
class MessageTemplatesTest {

  private static final String PRODUCT = "<script>alert(1)</script> mug";
  private static final Map<String, Object> FACTS =
      Map.of("shipmentStatus", "SHIPPED", "delayReason", "CARRIER", "carrierIssue", "EXCEPTION", "rating", 2);

  private final TestMessages messages = TestMessages.withRecommendations();

  static Stream<Arguments> messages() {
    return Stream.of(
            "order-confirmation:transactional",
            "shipping-update:transactional",
            "delay-alert:transactional",
            "feedback-request:marketing",
            "support-follow-up:transactional",
            "photo-invitation:marketing",
            "cancellation-notice:transactional",
            "anniversary-thank-you:marketing")
        .flatMap(m -> Stream.of("en", "zh-CN").map(locale -> Arguments.of(m.split(":")[0], m.split(":")[1], locale)));
  }

  @ParameterizedTest(name = "{0} ({1}) in {2}")
  @MethodSource("messages")
  void rendersEveryPartInTheLocaleWithEverythingEscaped(String template, String purpose, String locale) {
    boolean customerOnly = template.equals("anniversary-thank-you");
    Order order = customerOnly ? null : TestMessages.order(locale, "Jane & <i>Co</i>", PRODUCT);

    RenderedMessage message =
        messages.render(template, Purpose.fromHeader(purpose), order, locale, customerOnly ? Map.of() : FACTS);

    assertThat(message.locale()).isEqualTo(locale);
    assertThat(message.subject()).isNotBlank().doesNotContain("[(", "${", "\n");
    assertThat(message.text()).isNotBlank().doesNotContain("[(", "[#", "${");
    assertThat(message.html()).contains("lang=\"" + locale + "\"").doesNotContain(" th:", "${");
    // Support contact in every message; recommendations, escaped in HTML, in all but those that
    // must not sell (MessageContentTest).
    assertThat(message.html()).contains("mailto:help@shop.test").doesNotContain("<b>tea</b>");
    assertThat(message.text()).contains("help@shop.test", "https://shop.test/help");
    if (!MessageContentTest.NO_RECOMMENDATIONS.contains(template)) {
      assertThat(message.html()).contains("class=\"recommendations\"", "Jasmine &lt;b&gt;tea&lt;/b&gt;");
      assertThat(message.text()).contains("Jasmine <b>tea</b>");
    }
    if (!customerOnly) {
      assertThat(message.subject()).contains("#1001");
      assertThat(message.html())
          .contains("&lt;script&gt;alert(1)&lt;/script&gt; mug", "$25.00", "Jane &amp; &lt;i&gt;Co&lt;/i&gt;")
          .doesNotContain("<script>", "<i>Co</i>");
      assertThat(message.text()).contains(PRODUCT, "$25.00", "Jane & <i>Co</i>");
    }
    boolean marketing = purpose.equals("marketing");
    assertThat(message.html().contains(TestMessages.UNSUBSCRIBE_URL)).isEqualTo(marketing);
    assertThat(message.text().contains(TestMessages.UNSUBSCRIBE_URL)).isEqualTo(marketing);
  }

  @ParameterizedTest
  @CsvSource({
    "order-confirmation, en", "order-confirmation, zh-CN",
    "shipping-update, en", "shipping-update, zh-CN"
  })
  void deliveryMessagesShowTheEstimatedDateAndTrackingLink(String template, String locale) {
    RenderedMessage message = messages.render(
        template, Purpose.TRANSACTIONAL, TestMessages.order(locale, "Jane"), locale, FACTS);

    String date = locale.equals("en") ? "December 24, 2030" : "2030年12月24日";
    assertThat(message.text()).contains(date, "https://shop.test/track/%231001");
    assertThat(message.html()).contains(date, "href=\"https://shop.test/track/%231001\"");
  }

  /** The estimate a delay overtook is no news: the alert says there is no new date instead. */
  @ParameterizedTest
  @CsvSource({
    "en, There is no new delivery date yet", "zh-CN, 目前还没有新的送达日期"
  })
  void delayAlertsSayThereIsNoNewDateWithoutRepeatingTheOldEstimate(String locale, String noNewDate) {
    RenderedMessage message = messages.render(
        "delay-alert", Purpose.TRANSACTIONAL, TestMessages.order(locale, "Jane"), locale, FACTS);

    String date = locale.equals("en") ? "December 24, 2030" : "2030年12月24日";
    assertThat(message.text()).contains(noNewDate, "https://shop.test/track/%231001").doesNotContain(date);
    assertThat(message.html()).contains(noNewDate, "href=\"https://shop.test/track/%231001\"").doesNotContain(date);
  }

  @ParameterizedTest
  @CsvSource({
    "SHIPPED, Your order #1001 has shipped, 您的订单 #1001 已发货",
    "IN_TRANSIT, Your order #1001 is on its way, 您的订单 #1001 正在运输途中",
    "OUT_FOR_DELIVERY, Your order #1001 is out for delivery, 您的订单 #1001 正在派送",
    "READY_FOR_PICKUP, Your order #1001 is ready for pickup, 您的订单 #1001 已到达自提点",
    "DELIVERED, Your order #1001 has been delivered, 您的订单 #1001 已签收",
    "LOST_IN_SPACE, An update on your order #1001, 您的订单 #1001 有新动态"
  })
  void shippingUpdatesSayWhatHappened(String status, String english, String chinese) {
    Map<String, Object> facts = Map.of("shipmentStatus", status);

    assertThat(shipping("en", facts).subject()).isEqualTo(english);
    assertThat(shipping("zh-CN", facts).subject()).isEqualTo(chinese);
  }

  @ParameterizedTest
  @CsvSource({
    "SHIP_BY_PASSED, , Your order #1001 is taking longer to ship, 未能在预计日期前发货",
    "DELIVER_BY_PASSED, , Your order #1001 is running late, 已过预计送达日期",
    "CARRIER, DELAYED, Delivery of your order #1001 is delayed, 配送延迟",
    "CARRIER, FAILED_ATTEMPT, 'We missed you: delivery of your order #1001', 尝试派送",
    "CARRIER, EXCEPTION, A problem with the delivery of your order #1001, 配送异常"
  })
  void delayAlertsSayWhy(String reason, String issue, String englishSubject, String chineseText) {
    Map<String, Object> facts =
        issue == null ? Map.of("delayReason", reason) : Map.of("delayReason", reason, "carrierIssue", issue);

    RenderedMessage english = render("delay-alert", "en", facts);
    RenderedMessage chinese = render("delay-alert", "zh-CN", facts);

    assertThat(english.subject()).isEqualTo(englishSubject);
    assertThat(chinese.text()).contains(chineseText);
    assertThat(chinese.html()).contains(chineseText);
  }

  @ParameterizedTest
  @CsvSource({"en", "zh-CN"})
  void theFeedbackRequestLinksFiveRatings(String locale) {
    RenderedMessage message =
        messages.render("feedback-request", Purpose.MARKETING, TestMessages.order(locale, "Jane"), locale, Map.of());

    for (int rating = 1; rating <= 5; rating++) {
      assertThat(message.html()).contains("href=\"https://shop.test/rate/" + rating + "\"");
      assertThat(message.text()).contains("https://shop.test/rate/" + rating);
    }
  }

  @ParameterizedTest
  @CsvSource({"support-follow-up", "photo-invitation"})
  void followUpsMentionTheRating(String template) {
    assertThat(render(template, "en", Map.of("rating", 4)).text()).contains("4 out of 5");
    assertThat(render(template, "zh-CN", Map.of("rating", 4)).text()).contains("4 分");
  }

  private RenderedMessage shipping(String locale, Map<String, Object> facts) {
    return render("shipping-update", locale, facts);
  }

  private RenderedMessage render(String template, String locale, Map<String, Object> facts) {
    Purpose purpose = template.equals("photo-invitation") ? Purpose.MARKETING : Purpose.TRANSACTIONAL;
    return messages.render(template, purpose, TestMessages.order(locale, "Jane"), locale, facts);
  }
}
