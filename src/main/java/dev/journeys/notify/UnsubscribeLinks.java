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

  /** The link of one message: it also names the message, so its outcomes count the unsubscribe. */
  String url(String customerId, Channel channel, long elementInstanceKey) {
    return links.link(PATH, PURPOSE, customerId, channel.key(), Long.toString(elementInstanceKey));
  }

  String header(String customerId, Channel channel, long elementInstanceKey) {
    return header(links.sign(PURPOSE, customerId, channel.key(), Long.toString(elementInstanceKey)));
  }

  /** The List-Unsubscribe header: the one-click https link first, a mailto for older clients. */
  String header(String customerId, Channel channel) {
    return header(links.sign(PURPOSE, customerId, channel.key()));
  }

  private String header(String token) {
    return "<%s>, <mailto:%s?subject=unsubscribe-%s>"
        .formatted(links.url(PATH + token), properties.unsubscribeMailto(), token);
  }

  /**
   * @throws SignedLinks.InvalidTokenException when the token is not one of ours
   */
  Request verify(String token) {
    List<String> fields;
    try {
      fields = links.verify(PURPOSE, token, 3);
    } catch (SignedLinks.InvalidTokenException notOfOneMessage) {
      // Links made before they named their message, and links of no message, have two fields.
      fields = links.verify(PURPOSE, token, 2);
    }
    Long message = fields.size() == 3 ? Long.valueOf(fields.get(2)) : null;
    return new Request(fields.get(0), Channel.fromKey(fields.get(1)), message);
  }

  /** @param elementInstanceKey the message the link was in; null when the link does not say */
  record Request(String customerId, Channel channel, Long elementInstanceKey) {}
}
