package dev.journeys.notify;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The unsubscribe link of marketing email. POST is RFC 8058's one-click unsubscribe, sent by mail
 * clients with the body {@code List-Unsubscribe=One-Click}; the signed token alone authorises it,
 * so the body is not required (clients differ). GET only shows a page with a button that POSTs:
 * link scanners fetch every URL in an email, and must not unsubscribe anyone by doing so.
 */
@Controller
class UnsubscribeController {

  private static final Logger log = LoggerFactory.getLogger(UnsubscribeController.class);

  private final UnsubscribeLinks links;
  private final ContactDirectory contacts;
  private final MessageEvents events;

  UnsubscribeController(UnsubscribeLinks links, ContactDirectory contacts, MessageEvents events) {
    this.links = links;
    this.contacts = contacts;
    this.events = events;
  }

  @GetMapping(UnsubscribeLinks.PATH + "{token}")
  ModelAndView confirm(@PathVariable String token) {
    links.verify(token);
    return new ModelAndView("notify/unsubscribe").addObject("token", token);
  }

  @PostMapping(UnsubscribeLinks.PATH + "{token}")
  ModelAndView unsubscribe(@PathVariable String token) {
    UnsubscribeLinks.Request request = links.verify(token);
    boolean known = contacts.unsubscribe(request.customerId(), request.channel());
    if (request.elementInstanceKey() != null) {
      // Counted once per message, however often the link is used (message outcomes).
      events.record(request.elementInstanceKey(), request.channel(), CountedAs.UNSUBSCRIBED, null);
    }
    // An unknown (erased) customer gets the same answer: there is nothing left to send them.
    log.info("Customer {} unsubscribed from {} marketing{}", request.customerId(),
        request.channel().key(), known ? "" : " (no such customer any more)");
    return new ModelAndView("notify/unsubscribed");
  }

  @ExceptionHandler(SignedLinks.InvalidTokenException.class)
  ModelAndView invalid(SignedLinks.InvalidTokenException e) {
    return new ModelAndView(
        "notify/invalid-link",
        Map.of("reason", e.getMessage()),
        e.forged() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST);
  }
}
