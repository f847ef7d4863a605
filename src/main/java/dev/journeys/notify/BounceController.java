package dev.journeys.notify;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Bounces that arrive after a mail server accepted an email (a delivery status notification the
 * shop's mail provider or bounce mailbox forwards): {@code POST /api/notify/bounces} with
 * {@code {"messageId": "<…>"}} (other fields are ignored), called with an API token of role {@code shop}, like
 * the shop's other calls. The Message-ID is the one Journeys gave the email, so the bounce counts
 * for exactly that message; a second bounce of the same message changes nothing. Refusals during
 * the SMTP conversation need no call: the email channel records those itself.
 */
@RestController
class BounceController {

  private static final Logger log = LoggerFactory.getLogger(BounceController.class);
  static final String REPORTED = "bounce-report";

  /** @param messageId the bounced email's Message-ID header, with or without angle brackets */
  record Bounce(String messageId) {}

  private final MessageEvents events;

  BounceController(MessageEvents events) {
    this.events = events;
  }

  @PostMapping("/api/notify/bounces")
  Map<String, Object> bounce(@RequestBody Bounce bounce) {
    if (bounce == null || bounce.messageId() == null || bounce.messageId().isBlank()) {
      throw new BadField("messageId", "Expected field 'messageId' to be set");
    }
    if (bounce.messageId().length() > 255) {
      throw new BadField("messageId", "Expected field 'messageId' to be a Message-ID");
    }
    MessageEvents.Message message = events.find(bounce.messageId()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND,
            "Expected field 'messageId' to name a message Journeys sent, but none has it"));
    boolean recorded = events.record(message.elementInstanceKey(), message.channel(), CountedAs.BOUNCED, REPORTED);
    log.info("Bounce reported for {}{}", bounce.messageId().strip(), recorded ? "" : " (recorded before)");
    return Map.of("messageId", bounce.messageId().strip(), "recorded", recorded);
  }

  @ExceptionHandler(BadField.class)
  ResponseEntity<Map<String, Object>> badField(BadField e) {
    return ResponseEntity.badRequest().body(e.body());
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> unknown(ResponseStatusException e) {
    return ResponseEntity.status(e.getStatusCode()).body(Map.of("error", String.valueOf(e.getReason())));
  }
}
