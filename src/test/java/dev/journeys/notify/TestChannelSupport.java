package dev.journeys.notify;

import java.util.List;

/** A ChannelSupport for tests of a channel's templates alone: it renders, and records nothing. */
public final class TestChannelSupport {

  private TestChannelSupport() {}

  public static ChannelSupport forTemplates() {
    MessageModel model = new MessageModel(TestMessages.PROPERTIES, (order, customerId, limit) -> List.of(), List.of());
    return new ChannelSupport(null, null, null, TestMessages.PROPERTIES, new MessageRenderer(), model);
  }

  /** Likewise, with the preference centre link every marketing message carries. */
  public static ChannelSupport forTemplatesWithPreferenceLinks() {
    NotifyProperties p = TestMessages.PROPERTIES;
    NotifyProperties withSecret = new NotifyProperties(p.from(), p.supportEmail(), p.supportUrl(),
        p.trackingUrl(), p.shopUrl(), p.productUrl(), p.reviewUrl(), p.recommendations(),
        p.recommendationsCache(), p.messageIdDomain(), p.unsubscribeMailto(),
        "a-test-secret-of-at-least-32-characters", p.retryBackoff(), p.sendLease(), p.retryBackoffMax());
    PreferenceLinks links = new PreferenceLinks(
        new SignedLinks(new SigningSecret(null, withSecret), new SiteProperties("https://shop.example.com/journeys/")));
    MessageModel model = new MessageModel(p, (order, customerId, limit) -> List.of(), List.of(), links);
    return new ChannelSupport(null, null, null, p, new MessageRenderer(), model);
  }
}
