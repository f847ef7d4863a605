package dev.journeys.notify;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The signed link to a customer's preference centre, put in every marketing message: an HMAC over
 * the customer id, so the link alone lets its recipient (and only them) see and change their
 * consents, without an account or a login. It expires ({@code journeys.links.lifetime.preferences}),
 * so a forwarded email does not give its readers that power for ever.
 */
@Component
class PreferenceLinks {

  static final String PATH = "/preferences/";
  private static final String PURPOSE = "preferences";

  private final SignedLinks links;

  PreferenceLinks(SignedLinks links) {
    this.links = links;
  }

  String url(String customerId) {
    return links.link(PATH, PURPOSE, customerId);
  }

  /**
   * @return the customer id the token was made for
   * @throws SignedLinks.InvalidTokenException when the token is not one of ours
   */
  String verify(String token) {
    List<String> fields = links.verify(PURPOSE, token, 1);
    return fields.get(0);
  }

  /**
   * @return the customer id of a genuine link, expired or not (to send them a fresh one)
   * @throws SignedLinks.InvalidTokenException when the token is not one of ours
   */
  String verifyIgnoringAge(String token) {
    return links.verifyIgnoringAge(PURPOSE, token, 1).fields().get(0);
  }
}
