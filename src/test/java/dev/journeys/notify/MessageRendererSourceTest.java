package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The renderer takes a template's text from its source (the version published in the studio)
 * before the class path, at the next rendering after a publish although it caches parsed
 * templates, and from the class path when nothing is published; a preview's unpublished text is
 * used for that preview only.
 */
class MessageRendererSourceTest {

  /** A published store in memory: path to text; each publish gets a new stamp. */
  private static final class Published implements TemplateSource {
    final Map<String, Text> texts = new HashMap<>();
    long next = 1;

    void publish(String path, String body) {
      texts.put(path, new Text(body, next++));
    }

    @Override
    public Optional<Text> find(String path) {
      return Optional.ofNullable(texts.get(path));
    }

    @Override
    public long stamp(String path) {
      Text text = texts.get(path);
      return text == null ? 0 : text.stamp();
    }
  }

  private final Published published = new Published();
  private final MessageRenderer renderer = new MessageRenderer(published);
  private final Map<String, Object> model = Map.of("orderId", "#1001");

  @Test
  void thePackagedTextUntilAVersionIsPublishedThenEachNewVersionAtTheNextRendering() {
    assertThat(subject()).isEqualTo("Your order #1001 is confirmed");

    published.publish("order-confirmation/en.subject.txt", "Order [(${orderId})]: confirmed!");
    assertThat(subject()).as("the cached packaged template gives way to the published one")
        .isEqualTo("Order #1001: confirmed!");

    published.publish("order-confirmation/en.subject.txt", "We have your order [(${orderId})]");
    assertThat(subject()).isEqualTo("We have your order #1001");
    assertThat(renderer.renderText("order-confirmation", "zh-CN", ".subject.txt", model).strip())
        .as("other locales keep the packaged text").isEqualTo("您的订单 #1001 已确认");
  }

  @Test
  void aPublishedSharedPartIsUsedByTheTemplatesThatIncludeIt() {
    published.publish("order-confirmation/en.sms.txt", "[# th:insert=\"~{_parts/en/sign-off.txt}\" /] [(${orderId})]");
    published.publish("_parts/en/sign-off.txt", "Cheers");
    assertThat(renderer.renderText("order-confirmation", "en", ".sms.txt", model).strip()).isEqualTo("Cheers #1001");

    published.publish("_parts/en/sign-off.txt", "Thanks");
    assertThat(renderer.renderText("order-confirmation", "en", ".sms.txt", model).strip())
        .as("the cached fragment gives way to its new version").isEqualTo("Thanks #1001");
  }

  @Test
  void aLocaleOrChannelTextThatOnlyTheStudioHasCounts() {
    assertThat(renderer.hasText("order-confirmation", "en", ".sms.txt")).isFalse();
    published.publish("order-confirmation/en.sms.txt", "Order [(${orderId})] confirmed");
    assertThat(renderer.hasText("order-confirmation", "en", ".sms.txt")).isTrue();
    assertThat(renderer.renderText("order-confirmation", "en", ".sms.txt", model).strip()).isEqualTo("Order #1001 confirmed");
  }

  /** Previews cache their parsed texts by content: each text renders as itself, in any order, never another's. */
  @Test
  void previewsOfDifferentTextsNeverServeEachOthersParsedTemplate() {
    String path = "order-confirmation/en.subject.txt";
    for (int round = 0; round < 2; round++) {
      assertThat(renderer.previewing(Map.of(path, "A [(${orderId})]"), this::subject)).isEqualTo("A #1001");
      assertThat(renderer.previewing(Map.of(path, "B [(${orderId})]"), this::subject)).isEqualTo("B #1001");
      assertThat(subject()).as("a send renders the packaged text").isEqualTo("Your order #1001 is confirmed");
    }
    assertThat(TemplateSource.draftStamp("A")).isNegative().isEqualTo(TemplateSource.draftStamp("A"))
        .isNotEqualTo(TemplateSource.draftStamp("B"));
  }

  @Test
  void aPreviewRendersItsUnpublishedTextForItselfOnlyAndStaysStrict() {
    String previewed = renderer.previewing(Map.of("order-confirmation/en.subject.txt", "Draft [(${orderId})]"),
        this::subject);
    assertThat(previewed).isEqualTo("Draft #1001");
    assertThat(subject()).as("after the preview, the current text again").isEqualTo("Your order #1001 is confirmed");

    assertThatThrownBy(() -> renderer.previewing(
        Map.of("order-confirmation/en.subject.txt", "Hi [(${firstName})]"), this::subject))
        .isInstanceOf(SendFailure.class).hasMessageContaining("uses 'firstName'");
  }

  private String subject() {
    return renderer.renderText("order-confirmation", "en", ".subject.txt", model).strip();
  }
}
