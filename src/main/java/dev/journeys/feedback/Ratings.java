package dev.journeys.feedback;

import org.springframework.stereotype.Service;

/**
 * Ratings for callers in the same process (the journey simulator): what confirming a rating does
 * once its link's signature is checked, through the same recorder as POST /api/feedback/{token}.
 */
@Service
public class Ratings {

  private final FeedbackRecorder recorder;

  Ratings(FeedbackRecorder recorder) {
    this.recorder = recorder;
  }

  /**
   * Records the customer's rating of an order and tells its journey.
   *
   * @return the rating that counts: this one, or the earlier one when it can no longer change
   */
  public int rate(String orderId, int rating) {
    if (rating < 1 || rating > 5) {
      throw new IllegalArgumentException("Expected a rating from 1 to 5, but got " + rating);
    }
    return recorder.confirm(orderId, rating, null).feedback().rating();
  }
}
