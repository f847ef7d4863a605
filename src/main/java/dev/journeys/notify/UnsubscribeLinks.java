package dev.journeys.notify;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The signed unsubscribe link in marketing messages: an HMAC over the customer id and channel, so
 * nobody can unsubscribe someone else by guessing ids, and the link works without logging in.
 */
@Component
class UnsubscribeLinks {

  static final String PATH = "/api/unsubscribe/";
  private static final String PURPOSE = "unsubscribe";

  private final SignedLinks links;
  private final NotifyProperties properties;

  UnsubscribeLinks(SignedLinks links, NotifyProperties properties) {
    this.links = links;
    this.properties = properties;
  }

  String url(String customerId, Channel channel) {
    return links.link(PATH, PURPOSE, customerId, channel.key());
  }

  /** The List-Unsubscribe header: the one-click https link first, a mailto for older clients. */
  String header(String customerId, Channel channel) {
    String token = links.sign(PURPOSE, customerId, channel.key());
    return "<%s>, <mailto:%s?subject=unsubscribe-%s>"
        .formatted(links.url(PATH + token), properties.unsubscribeMailto(), token);
  }

  /**
   * @throws SignedLinks.InvalidTokenException when the token is not one of ours
   */
  Request verify(String token) {
    List<String> fields = links.verify(PURPOSE, token, 2);
    return new Request(fields.get(0), Channel.fromKey(fields.get(1)));
  }

  record Request(String customerId, Channel channel) {}
}
