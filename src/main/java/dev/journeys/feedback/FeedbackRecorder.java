package dev.journeys.feedback;

import dev.journeys.journey.JourneyMessage;
import dev.journeys.journey.JourneyMessageNotPublishedException;
import dev.journeys.journey.JourneyMessages;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Records a rating, then tells the order's journey (message feedback-received). Stored first, so a
 * publish that fails is not lost: the row stays unpublished until the next click or the
 * {@link FeedbackRepublisher} gets it through. The message id makes repeats harmless.
 */
@Service
class FeedbackRecorder {

  private static final Logger log = LoggerFactory.getLogger(FeedbackRecorder.class);

  private final FeedbackStore store;
  private final JourneyMessages messages;
  private final Clock clock;

  FeedbackRecorder(FeedbackStore store, JourneyMessages messages, Clock clock) {
    this.clock = clock;
    this.store = store;
    this.messages = messages;
  }

  /**
   * @return the rating that counts for the order (the first one given)
   */
  FeedbackStore.Feedback record(String orderId, int rating) {
    FeedbackStore.Feedback feedback = store.record(orderId, rating, clock.instant());
    if (feedback.rating() != rating) {
      log.info("Order {} was already rated {}; ignoring a later {}", orderId, feedback.rating(), rating);
    }
    if (feedback.publishedAt() == null) {
      publish(feedback);
    }
    return feedback;
  }

  /** Publishes a stored rating; false (and logged) when the engine did not take it this time. */
  boolean publish(FeedbackStore.Feedback feedback) {
    try {
      messages.publish(JourneyMessage.feedbackReceived(feedback.orderId(), feedback.rating()));
      store.markPublished(feedback.orderId(), clock.instant());
      return true;
    } catch (JourneyMessageNotPublishedException e) {
      log.warn("Rating of order {} is stored but not yet published; will retry: {}",
          feedback.orderId(), e.getMessage());
      return false;
    }
  }
}
