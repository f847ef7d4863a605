package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.orders.Order;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Content that fits the moment: no products suggested on a cancellation, an apology or a delay; a
 * cancellation that promises only what the shop configured; the shop's name, sender, logo and
 * colour in every email; and the Chinese templates saying what the English ones say.
 */
class MessageContentTest {

  /** Messages that must not sell: the customer is let down, or waiting. */
  static final Set<String> NO_RECOMMENDATIONS = Set.of("cancellation-notice", "support-follow-up", "delay-alert");

  private static final Map<String, Object> FACTS =
      Map.of("shipmentStatus", "SHIPPED", "delayReason", "SHIP_BY_PASSED", "rating", 2);
  private static final ShopProperties TEAHOUSE = new ShopProperties("Teahouse Lin", "Mei at Teahouse Lin",
      "https://cdn.teahouse.example/logo.png", "#aa3300", ShopProperties.Refund.NONE);

  static Stream<Arguments> templates() {
    return Stream.of("order-confirmation", "shipping-update", "delay-alert", "feedback-request",
            "support-follow-up", "photo-invitation", "cancellation-notice", "anniversary-thank-you")
        .flatMap(t -> Stream.of(Arguments.of(t, "en"), Arguments.of(t, "zh-CN")));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("templates")
  void onlyMessagesThatMaySellSuggestProducts(String template, String locale) {
    RenderedMessage message = render(template, locale, ShopProperties.defaults());

    boolean sells = !NO_RECOMMENDATIONS.contains(template);
    assertThat(message.html().contains("class=\"recommendations\"")).as("html recommendations").isEqualTo(sells);
    assertThat(message.html().contains("Jasmine tea")).isEqualTo(sells);
    assertThat(message.text().contains("Jasmine tea")).as("text recommendations").isEqualTo(sells);
    if (!sells) {
      assertThat(message.text()).doesNotContain("You might also like", "猜你喜欢");
      assertThat(message.html()).doesNotContain("You might also like", "猜你喜欢");
    }
    // Every message still tells the customer how to reach support.
    assertThat(message.text()).contains("help@shop.test");
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("templates")
  void everyEmailCarriesTheShopsBrand(String template, String locale) {
    RenderedMessage message = render(template, locale, TEAHOUSE);

    assertThat(message.html())
        .contains("<img src=\"https://cdn.teahouse.example/logo.png\" alt=\"Teahouse Lin\"")
        .contains("border-bottom: 3px solid #aa3300;")
        .contains("<span>Mei at Teahouse Lin</span>")
        .doesNotContain("#1a73e8;\" class=\"brand\"");
    assertThat(message.text()).contains("Mei at Teahouse Lin");
    // Buttons too (the feedback request's rating buttons are still the default blue: left to its body).
    if (!template.equals("feedback-request")) {
      assertThat(message.html()).doesNotContain("#1a73e8");
    }
  }

  @ParameterizedTest
  @CsvSource({"en", "zh-CN"})
  void withoutALogoTheHeaderNamesTheShopInItsColour(String locale) {
    ShopProperties noLogo = new ShopProperties("Teahouse Lin", null, null, "#a30", ShopProperties.Refund.NONE);

    RenderedMessage message = render("order-confirmation", locale, noLogo);

    assertThat(message.html()).contains("<strong style=\"font-size: 20px; color: #a30;\">Teahouse Lin</strong>")
        .doesNotContain("<img");
    assertThat(message.text()).contains("Teahouse Lin");
  }

  @ParameterizedTest
  @CsvSource({"en, refund goes back to your original payment method", "zh-CN, 退款将原路退回"})
  void theCancellationPromisesARefundOnlyWhenTheShopSaysSo(String locale, String promise) {
    RenderedMessage silent = render("cancellation-notice", locale, ShopProperties.defaults());
    ShopProperties refunds = new ShopProperties("Journeys", null, null, "#1a73e8",
        ShopProperties.Refund.ORIGINAL_PAYMENT_METHOD);
    RenderedMessage promising = render("cancellation-notice", locale, refunds);

    assertThat(silent.text()).doesNotContain(promise).doesNotContainIgnoringCase("refund").doesNotContain("退款");
    assertThat(silent.html()).doesNotContain(promise);
    assertThat(promising.text()).contains(promise);
    assertThat(promising.html()).contains(promise);
    assertThat(silent.text()).contains(locale.equals("en") ? "Your order #1001 has been cancelled." : "您的订单 #1001 已取消。");
  }

  @Test
  void aBrandColourOrLogoThatIsNotPlainlyOneIsRefusedAtStartUp() {
    assertThatThrownBy(() -> new ShopProperties("Shop", null, null, "red; background: url(x)", null))
        .hasMessageContaining("journeys.shop.brand-colour");
    assertThatThrownBy(() -> new ShopProperties("Shop", null, "javascript:alert(1)", "#fff", null))
        .hasMessageContaining("journeys.shop.logo-url");
  }

  /**
   * The Chinese templates say what the English ones say: the same files for every channel, and the
   * same variables and conditions, so neither language has a sentence (a refund, a date, a link)
   * the other lacks.
   */
  @Test
  void everyTemplatePairUsesTheSameFilesVariablesAndConditions() throws IOException {
    List<Path> english;
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      english = files.filter(f -> f.getFileName().toString().matches("en(\\..+)?\\.(txt|html)")).sorted().toList();
    }
    assertThat(english).hasSizeGreaterThan(30);
    for (Path en : english) {
      Path zh = en.resolveSibling(en.getFileName().toString().replaceFirst("^en", "zh-CN"));
      String name = TEMPLATES.relativize(en).toString();
      assertThat(zh).as("zh-CN counterpart of " + name).exists();
      assertThat(expressions(zh)).as("variables and conditions of the zh-CN counterpart of " + name)
          .isEqualTo(expressions(en));
    }
  }

  private static final Path TEMPLATES = Path.of("src/main/resources", MessageRenderer.PREFIX);
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{[^}]*}");

  private static Set<String> expressions(Path file) throws IOException {
    String text = Files.readString(file).replace("_parts/zh-CN", "_parts/en");
    return EXPRESSION.matcher(text).results().map(m -> m.group()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static RenderedMessage render(String template, String locale, ShopProperties shop) {
    MessageModel model = new MessageModel(TestMessages.PROPERTIES, shop,
        (order, customerId, limit) -> List.of(
            new RecommendationSource.Recommendation("TEA-9", "Jasmine tea", "https://shop.test/p/TEA-9")),
        List.of((t, orderId, customerId) -> orderId == null ? Map.of() : Map.of("ratingLinks",
            List.of(Map.of("rating", 1, "stars", "★", "url", "https://shop.test/rate/1")))),
        null, null);
    MessageRenderer renderer = new MessageRenderer();
    boolean customerOnly = template.equals("anniversary-thank-you");
    Purpose purpose = Set.of("feedback-request", "photo-invitation", "anniversary-thank-you").contains(template)
        ? Purpose.MARKETING : Purpose.TRANSACTIONAL;
    Order order = customerOnly ? null : TestMessages.order(locale, "Jane");
    MessageRequest request = new MessageRequest(order == null ? null : order.orderId(), "c-1", template,
        List.of(Channel.EMAIL), purpose, customerOnly ? Map.of() : FACTS);
    Recipient recipient = new Recipient("c-1", "jane@example.com", "Jane", locale, true, false);
    String tag = renderer.localeFor(template, locale);
    return renderer.render(template, tag, model.build(request, recipient, order, Locale.forLanguageTag(tag),
        purpose == Purpose.MARKETING ? TestMessages.UNSUBSCRIBE_URL : null));
  }
}
