package dev.journeys.feedback;

import dev.journeys.notify.FreshLinks;
import dev.journeys.notify.SignedLinks;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * The rating links of the feedback request, and CSAT. Opening a link (GET) records nothing: mail
 * scanners open every link of a message, so GET only shows the chosen rating with a one-click
 * confirm button and a comment field, and the confirmation (POST) records it and tells the journey.
 * Within journeys.feedback.change-window the customer may change the rating or the comment. Tokens
 * are HMAC-signed by notify's SignedLinks: malformed ones get 400, forged or altered ones 403, and
 * expired ones (journeys.links.lifetime.feedback) 410 with an offer to email a fresh request.
 */
@Controller
class FeedbackController {

  static final int MAX_COMMENT = 2000;

  private final RatingLinks links;
  private final FeedbackRecorder recorder;
  private final FeedbackStore store;
  private final FreshLinks freshLinks;

  FeedbackController(RatingLinks links, FeedbackRecorder recorder, FeedbackStore store, FreshLinks freshLinks) {
    this.links = links;
    this.recorder = recorder;
    this.store = store;
    this.freshLinks = freshLinks;
  }

  /** An expired rating link's page offers this: the feedback request again, with links made now. */
  @PostMapping(RatingLinks.PATH + "{token}/fresh-link")
  ModelAndView freshLink(@PathVariable String token) {
    freshLinks.feedback(links.verifyIgnoringAge(token).orderId());
    // The same page whatever happened, so the answer tells nobody whether or where we wrote.
    return new ModelAndView("notify/fresh-link-sent", Map.of(), HttpStatus.ACCEPTED);
  }

  /** The choice, to confirm: the link's rating preselected, or the recorded one shown. */
  @GetMapping(RatingLinks.PATH + "{token}")
  ModelAndView choose(@PathVariable String token) {
    RatingLinks.Rating chosen = links.verify(token);
    Map<String, Object> model = new HashMap<>();
    model.put("orderId", chosen.orderId());
    model.put("chosen", chosen.rating());
    model.put("token", token);
    model.put("recorded", null);
    model.put("comment", "");
    model.put("changeable", true);
    recorder.current(chosen.orderId()).ifPresent(c -> describe(model, c));
    return new ModelAndView("feedback/confirm", model);
  }

  /** The confirmation: records the rating (a change within the window) and an optional comment. */
  @PostMapping(RatingLinks.PATH + "{token}")
  ModelAndView confirm(@PathVariable String token, @RequestParam(required = false) Integer rating,
      @RequestParam(required = false) String comment) {
    RatingLinks.Rating chosen = links.verify(token);
    int given = rating == null ? chosen.rating() : rating;
    if (given < 1 || given > 5) {
      throw new SignedLinks.InvalidTokenException(false, "Expected a rating from 1 to 5, but got " + given);
    }
    FeedbackRecorder.Confirmation confirmation = recorder.confirm(chosen.orderId(), given, comment(comment));
    Map<String, Object> model = new HashMap<>();
    model.put("orderId", chosen.orderId());
    model.put("token", token);
    describe(model, confirmation);
    model.put("outcome", confirmation.outcome().name());
    HttpStatus status = confirmation.outcome() == FeedbackRecorder.Outcome.CLOSED ? HttpStatus.CONFLICT : HttpStatus.OK;
    return new ModelAndView("feedback/thanks", model, status);
  }

  private static void describe(Map<String, Object> model, FeedbackRecorder.Confirmation confirmation) {
    FeedbackStore.Feedback feedback = confirmation.feedback();
    model.put("recorded", feedback.rating());
    model.put("rating", feedback.rating());
    model.put("comment", feedback.comment() == null ? "" : feedback.comment());
    model.put("changeable", confirmation.changeable());
    model.put("changeableUntil", confirmation.changeableUntil().toString().substring(0, 10));
  }

  /** Blank is no comment; longer than the column holds is cut rather than refused. */
  private static String comment(String comment) {
    if (comment == null || comment.isBlank()) {
      return null;
    }
    String trimmed = comment.strip();
    return trimmed.length() <= MAX_COMMENT ? trimmed : trimmed.substring(0, MAX_COMMENT);
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

  @ExceptionHandler(SignedLinks.ExpiredTokenException.class)
  ModelAndView expired(SignedLinks.ExpiredTokenException e, HttpServletRequest request) {
    String path = request.getRequestURI();
    return new ModelAndView("notify/expired-link",
        Map.of("reason", e.getMessage(), "action", path.substring(path.lastIndexOf('/') + 1) + "/fresh-link"),
        HttpStatus.GONE);
  }

  @ExceptionHandler(SignedLinks.InvalidTokenException.class)
  ModelAndView invalid(SignedLinks.InvalidTokenException e) {
    return new ModelAndView(
        "feedback/invalid-link",
        Map.of("reason", e.getMessage()),
        e.forged() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST);
  }
}
