package dev.journeys.feedback;

import dev.journeys.notify.SignedLinks;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * The rating links of the feedback request, and CSAT. A click records the rating (the first one
 * per order counts; later clicks show the recorded rating and change nothing) and tells the
 * journey. Tokens are HMAC-signed by notify's SignedLinks: malformed ones get 400, forged or
 * altered ones 403.
 */
@Controller
class FeedbackController {

  private final RatingLinks links;
  private final FeedbackRecorder recorder;
  private final FeedbackStore store;

  FeedbackController(RatingLinks links, FeedbackRecorder recorder, FeedbackStore store) {
    this.links = links;
    this.recorder = recorder;
    this.store = store;
  }

  @GetMapping(RatingLinks.PATH + "{token}")
  ModelAndView rate(@PathVariable String token) {
    RatingLinks.Rating rating = links.verify(token);
    FeedbackStore.Feedback recorded = recorder.record(rating.orderId(), rating.rating());
    return new ModelAndView("feedback/thanks", Map.of("rating", recorded.rating()));
  }

  /** CSAT: {"count": 12, "averageRating": 4.25}; averageRating is null before the first rating. */
  @GetMapping("/api/feedback/summary")
  @ResponseBody
  FeedbackStore.Summary summary() {
    return store.summary();
  }

  /** The feedback of one order, by the signed link in its support ticket: no contact details. */
  @GetMapping(RatingLinks.VIEW_PATH + "{token}")
  @ResponseBody
  ResponseEntity<FeedbackStore.Feedback> order(@PathVariable String token) {
    return ResponseEntity.of(store.find(links.verifyView(token)));
  }

  @ExceptionHandler(SignedLinks.InvalidTokenException.class)
  ModelAndView invalid(SignedLinks.InvalidTokenException e) {
    return new ModelAndView(
        "feedback/invalid-link",
        Map.of("reason", e.getMessage()),
        e.forged() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST);
  }
}
