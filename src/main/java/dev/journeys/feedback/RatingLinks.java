package dev.journeys.feedback;

import dev.journeys.notify.MessageVariables;
import dev.journeys.notify.SignedLinks;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * The five signed rating links (1 to 5) of the feedback request, offered to every message about an
 * order as the template variable {@code ratingLinks}: a list of {rating, stars, url}.
 */
@Component
class RatingLinks implements MessageVariables {

  static final String PATH = "/api/feedback/";
  static final String PURPOSE = "feedback";
  static final String VIEW_PATH = "/api/feedback/orders/";
  private static final String VIEW_PURPOSE = "feedback-view";

  private final SignedLinks links;

  RatingLinks(SignedLinks links) {
    this.links = links;
  }

  @Override
  public Map<String, Object> variables(String template, String orderId, String customerId) {
    if (orderId == null) {
      return Map.of();
    }
    List<Map<String, Object>> ratings =
        IntStream.rangeClosed(1, 5)
            .mapToObj(
                rating ->
                    Map.<String, Object>of(
                        "rating", rating,
                        "stars", "★".repeat(rating) + "☆".repeat(5 - rating),
                        "url", links.link(PATH, PURPOSE, orderId, Integer.toString(rating))))
            .toList();
    return Map.of("ratingLinks", ratings);
  }

  /**
   * @throws SignedLinks.InvalidTokenException when the token is not a rating link of ours
   */
  Rating verify(String token) {
    return rating(links.verify(PURPOSE, token, 2));
  }

  /**
   * A genuine rating link, expired or not (to send the customer a fresh one).
   *
   * @throws SignedLinks.InvalidTokenException when the token is not a rating link of ours
   */
  Rating verifyIgnoringAge(String token) {
    return rating(links.verifyIgnoringAge(PURPOSE, token, 2).fields());
  }

  private static Rating rating(List<String> fields) {
    int rating;
    try {
      rating = Integer.parseInt(fields.get(1));
    } catch (NumberFormatException e) {
      rating = 0;
    }
    if (rating < 1 || rating > 5) {
      // Signed by us, so not a forgery; but no link we make carries this.
      throw new SignedLinks.InvalidTokenException(
          false, "Expected a rating from 1 to 5, but the link says " + fields.get(1));
    }
    return new Rating(fields.get(0), rating);
  }

  /**
   * The link a support ticket carries to the order's feedback. Signed, so order ids (often
   * sequential) cannot be walked to read every order's rating.
   */
  String viewUrl(String orderId) {
    return links.link(VIEW_PATH, VIEW_PURPOSE, orderId);
  }

  /**
   * @return the order id of a feedback view link
   * @throws SignedLinks.InvalidTokenException when the token is not one of ours
   */
  String verifyView(String token) {
    return links.verify(VIEW_PURPOSE, token, 1).get(0);
  }

  record Rating(String orderId, int rating) {}
}
