package dev.journeys.feedback;

import dev.journeys.journey.JourneyMessage;
import dev.journeys.journey.JourneyMessageNotPublishedException;
import dev.journeys.journey.JourneyMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Records a rating the customer confirmed, then tells the order's journey (message
 * feedback-received). Stored first, so a publish that fails is not lost: the row stays unpublished
 * until the next confirmation or the {@link FeedbackRepublisher} gets it through. Each version of
 * the rating has its own message id, so repeats are harmless and a change is heard once.
 */
@Service
class FeedbackRecorder {

  /** What a confirmation did. */
  enum Outcome {
    /** The order's first rating. */
    RECORDED,
    /** A new rating replaced the earlier one. */
    CHANGED,
    /** The same rating again (perhaps with a comment). */
    UNCHANGED,
    /** Too late to change: the earlier rating stands. */
    CLOSED
  }

  /** The feedback as it now stands, what this confirmation did, and until when it may change. */
  record Confirmation(FeedbackStore.Feedback feedback, Outcome outcome, Instant changeableUntil, boolean changeable) {}

  private static final Logger log = LoggerFactory.getLogger(FeedbackRecorder.class);

  private final FeedbackStore store;
  private final RatingContext context;
  private final JourneyMessages messages;
  private final Clock clock;
  private final Duration changeWindow;

  FeedbackRecorder(FeedbackStore store, RatingContext context, JourneyMessages messages, Clock clock,
      FeedbackProperties properties) {
    this.clock = clock;
    this.store = store;
    this.context = context;
    this.messages = messages;
    this.changeWindow = properties.changeWindow();
  }

  /**
   * Records the customer's confirmed rating and comment (null keeps the stored one): the first, or
   * a change within the change window.
   */
  Confirmation confirm(String orderId, int rating, String comment) {
    Instant now = clock.instant();
    FeedbackStore.Feedback before = store.find(orderId).orElse(null);
    if (before != null && !now.isBefore(changeableUntil(before))) {
      log.info("Order {} was rated {} more than {} ago; the rating can no longer change", orderId,
          before.rating(), changeWindow);
      return confirmation(before, Outcome.CLOSED);
    }
    FeedbackStore.Feedback feedback = before == null
        ? store.record(orderId, rating, comment, now, context.of(orderId, now))
        : store.change(orderId, rating, comment, now);
    if (before == null && feedback.rating() != rating) {
      // Another confirmation was stored a moment before this one: this one, the later, counts.
      feedback = store.change(orderId, rating, comment, now);
    }
    Outcome outcome = before == null ? Outcome.RECORDED
        : feedback.version() > before.version() ? Outcome.CHANGED : Outcome.UNCHANGED;
    if (!feedback.published()) {
      publish(feedback);
    }
    return confirmation(feedback, outcome);
  }

  /** The rating of an order, if it has one, and until when it may change. */
  java.util.Optional<Confirmation> current(String orderId) {
    return store.find(orderId).map(f -> confirmation(f, Outcome.UNCHANGED));
  }

  private Confirmation confirmation(FeedbackStore.Feedback feedback, Outcome outcome) {
    Instant until = changeableUntil(feedback);
    return new Confirmation(feedback, outcome, until, clock.instant().isBefore(until));
  }

  private Instant changeableUntil(FeedbackStore.Feedback feedback) {
    return feedback.receivedAt().plus(changeWindow);
  }

  /** Publishes a stored rating; false (and logged) when the engine did not take it this time. */
  boolean publish(FeedbackStore.Feedback feedback) {
    try {
      messages.publish(JourneyMessage.feedbackReceived(
          feedback.orderId(), feedback.rating(), feedback.version(), changeableUntil(feedback)));
      store.markPublished(feedback.orderId(), feedback.version(), clock.instant());
      return true;
    } catch (JourneyMessageNotPublishedException e) {
      log.warn("Rating of order {} is stored but not yet published; will retry: {}",
          feedback.orderId(), e.getMessage());
      return false;
    }
  }
}
