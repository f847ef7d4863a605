package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.orders.Order;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every email greets per locale: the given name in English ("Hello Ada,"), the full name family
 * first without a space in Chinese ("李静，您好："), and no name when none is known — in the text
 * and the HTML of every template.
 */
class GreetingsTest {

  private static final Map<String, Object> FACTS =
      Map.of("shipmentStatus", "SHIPPED", "delayReason", "CARRIER", "carrierIssue", "DELAYED", "rating", 2);

  private final MessageRenderer renderer = new MessageRenderer();
  private final MessageModel model = new MessageModel(
      TestMessages.PROPERTIES, (order, customerId, limit) -> List.of(), List.of(ratingLinks()));

  static Stream<Arguments> greetings() {
    return Stream.of(
            // given, family, name as stored, English greeting, Chinese greeting
            Arguments.of("Ada", "Lovelace", "Ada Lovelace", "Hello Ada,", "Ada Lovelace，您好："),
            Arguments.of("静", "李", "静 李", "Hello 静,", "李静，您好："),
            Arguments.of(null, null, "李静", "Hello 李静,", "李静，您好："),
            Arguments.of(null, null, "Ada Lovelace", "Hello Ada Lovelace,", "Ada Lovelace，您好："),
            Arguments.of(null, "Lovelace", "Lovelace", "Hello,", "Lovelace，您好："),
            Arguments.of(null, null, null, "Hello,", "您好："),
            Arguments.of(null, null, "  ", "Hello,", "您好："))
        .flatMap(a -> templates().map(t -> Arguments.of(t, a.get()[0], a.get()[1], a.get()[2], a.get()[3], a.get()[4])));
  }

  @ParameterizedTest(name = "{0}: {1} {2} / {3}")
  @MethodSource("greetings")
  void everyEmailGreetsTheWayItsLanguageDoes(
      String template, String given, String family, String name, String english, String chinese) {
    Recipient recipient = recipient(name, given, family);

    RenderedMessage en = render(template, "en", recipient);
    RenderedMessage zh = render(template, "zh-CN", recipient);

    assertThat(en.text().lines().findFirst()).contains(english);
    assertThat(zh.text().lines().findFirst()).contains(chinese);
    assertThat(en.html()).contains("<p>" + english + "</p>").doesNotContain("Hello there", "Hello ,");
    assertThat(zh.html()).contains("<p>" + chinese + "</p>").doesNotContain("顾客，您好");
  }

  @ParameterizedTest
  @CsvSource({"en, Hello &lt;b&gt;Ada&lt;/b&gt;,", "zh-CN, &lt;b&gt;Ada&lt;/b&gt; Lovelace，您好："})
  void theNameIsEscapedInHtml(String locale, String greeting) {
    RenderedMessage message = render("order-confirmation", locale, recipient(null, "<b>Ada</b>", "Lovelace"));

    assertThat(message.html()).contains(greeting).doesNotContain("<b>Ada</b>");
  }

  private static Stream<String> templates() {
    return Stream.of("order-confirmation", "shipping-update", "delay-alert", "feedback-request",
        "support-follow-up", "photo-invitation", "cancellation-notice", "anniversary-thank-you");
  }

  private RenderedMessage render(String template, String locale, Recipient recipient) {
    boolean customerOnly = template.equals("anniversary-thank-you");
    Order order = customerOnly ? null : TestMessages.order(locale, "ignored: the recipient's name counts");
    Purpose purpose = Stream.of("feedback-request", "photo-invitation", "anniversary-thank-you")
        .anyMatch(template::equals) ? Purpose.MARKETING : Purpose.TRANSACTIONAL;
    MessageRequest request = new MessageRequest(customerOnly ? null : "#1001", "c-1", template,
        List.of(Channel.EMAIL), purpose, customerOnly ? Map.of() : FACTS);
    String tag = renderer.localeFor(template, locale);
    String unsubscribe = purpose == Purpose.MARKETING ? TestMessages.UNSUBSCRIBE_URL : null;
    return renderer.render(template, tag,
        model.build(request, recipient, order, Locale.forLanguageTag(tag), unsubscribe));
  }

  private static Recipient recipient(String name, String given, String family) {
    return new Recipient("c-1", "ada@example.com", name, "en", true, false, null, null, null, false, false,
        given, family, false);
  }

  private static MessageVariables ratingLinks() {
    return (template, orderId, customerId) -> orderId == null ? Map.of() : Map.of("ratingLinks",
        List.of(Map.of("rating", 1, "stars", "★", "url", "https://shop.test/rate/1")));
  }
}
