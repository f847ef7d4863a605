package dev.journeys.feedback;

import org.springframework.stereotype.Service;

/**
 * Ratings for callers in the same process (the journey simulator): what a click on a rating link
 * does once its signature is checked, through the same recorder as GET /api/feedback/{token}.
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
   * @return the rating that counts (the first one given for the order)
   */
  public int rate(String orderId, int rating) {
    if (rating < 1 || rating > 5) {
      throw new IllegalArgumentException("Expected a rating from 1 to 5, but got " + rating);
    }
    return recorder.record(orderId, rating).rating();
  }
}
