package dev.journeys.notify;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tracked links of emails ({@link TrackedLinks}): a click is counted and forwarded to the link
 * the email had; the open pixel is counted and answered with a transparent 1x1 GIF. Both are
 * authorised by their signed token alone. A token that is not ours answers 404 (a changed target
 * fails the signature, so this never forwards anywhere a message did not link to), a malformed one
 * 400; neither says why beyond that.
 */
@RestController
class TrackingController {

  private static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final TrackedLinks links;
  private final MessageEvents events;

  TrackingController(TrackedLinks links, MessageEvents events) {
    this.links = links;
    this.events = events;
  }

  @GetMapping(TrackedLinks.CLICK_PATH + "{token}")
  ResponseEntity<Void> click(@PathVariable String token) {
    List<String> fields = links.verifyClick(token);
    URI target = URI.create(fields.get(2));
    if (!"https".equalsIgnoreCase(target.getScheme()) && !"http".equalsIgnoreCase(target.getScheme())) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
    events.record(Long.parseLong(fields.get(0)), Channel.fromKey(fields.get(1)), CountedAs.CLICKED, null);
    return ResponseEntity.status(HttpStatus.FOUND).location(target).cacheControl(CacheControl.noStore()).build();
  }

  @GetMapping(TrackedLinks.OPEN_PATH + "{token}")
  ResponseEntity<byte[]> open(@PathVariable String token) {
    List<String> fields = links.verifyOpen(token);
    events.record(Long.parseLong(fields.get(0)), Channel.fromKey(fields.get(1)), CountedAs.OPENED, null);
    return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(GIF);
  }

  @ExceptionHandler(SignedLinks.InvalidTokenException.class)
  ResponseEntity<String> invalid(SignedLinks.InvalidTokenException e) {
    return ResponseEntity.status(e.forged() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST)
        .contentType(MediaType.TEXT_PLAIN).body(e.forged() ? "No such link" : "Malformed link");
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<String> malformed(IllegalArgumentException e) {
    return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("Malformed link");
  }
}
