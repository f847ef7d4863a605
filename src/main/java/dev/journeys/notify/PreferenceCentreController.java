package dev.journeys.notify;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The preference centre behind the signed link of every marketing message: a small page showing the
 * customer's consent on each channel this app sends on (the registry's channels that keep one), and
 * a form that changes them. No login: the signed token in the path is the authorisation, and also
 * what makes the POST safe against cross-site forgery (another site cannot know it). Changes are
 * read at send time, so they apply from the next message on.
 */
@Controller
class PreferenceCentreController {

  static final String SOURCE = "preference-centre";
  private static final Logger log = LoggerFactory.getLogger(PreferenceCentreController.class);

  private final PreferenceLinks links;
  private final ContactDirectory contacts;
  private final Channels channels;
  private final FreshLinks freshLinks;

  PreferenceCentreController(PreferenceLinks links, ContactDirectory contacts, Channels channels,
      FreshLinks freshLinks) {
    this.links = links;
    this.contacts = contacts;
    this.channels = channels;
    this.freshLinks = freshLinks;
  }

  /** An expired link's page offers this: a fresh link, emailed to the address we hold. */
  @PostMapping(PreferenceLinks.PATH + "{token}/fresh-link")
  ModelAndView freshLink(@PathVariable String token) {
    freshLinks.preferences(links.verifyIgnoringAge(token));
    // The same page whatever happened, so the answer tells nobody whether or where we wrote.
    return new ModelAndView("notify/fresh-link-sent", Map.of(), HttpStatus.ACCEPTED);
  }

  @GetMapping(PreferenceLinks.PATH + "{token}")
  ModelAndView show(@PathVariable String token) {
    return page(token, links.verify(token), false);
  }

  /**
   * @param form one field per ticked channel, named by its key ("email=on"); an unticked box sends
   *     nothing (how HTML forms send checkboxes)
   */
  @PostMapping(PreferenceLinks.PATH + "{token}")
  ModelAndView save(@PathVariable String token, @RequestParam MultiValueMap<String, String> form) {
    String customerId = links.verify(token);
    Optional<ContactDirectory.Contact> contact = contacts.find(customerId).filter(c -> !c.erased());
    if (contact.isEmpty()) {
      return gone();
    }
    Recipient recipient = Recipients.fromContact(contact.get(), null);
    for (MessageChannel channel : choices()) {
      change(customerId, channel.channel(), channel.optedIn(recipient, Purpose.MARKETING),
          form.containsKey(channel.channel().key()));
    }
    return page(token, customerId, true);
  }

  /** The channels whose consent customers choose here, in the registry's order. */
  private List<MessageChannel> choices() {
    return channels.all().stream().filter(c -> c.consentLabel() != null).toList();
  }

  private void change(String customerId, Channel channel, boolean was, boolean wanted) {
    if (was != wanted) {
      contacts.changeConsent(customerId, channel, wanted, SOURCE);
      log.info("Customer {} {} {} in the preference centre", customerId,
          wanted ? "opted in to" : "opted out of", channel.key());
    }
  }

  private ModelAndView page(String token, String customerId, boolean saved) {
    Optional<ContactDirectory.Contact> contact = contacts.find(customerId).filter(c -> !c.erased());
    if (contact.isEmpty()) {
      return gone();
    }
    Recipient recipient = Recipients.fromContact(contact.get(), null);
    List<Map<String, Object>> choices = choices().stream().map(channel -> {
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("key", channel.channel().key());
      choice.put("label", channel.consentLabel());
      choice.put("checked", channel.optedIn(recipient, Purpose.MARKETING));
      String address = channel.maskedAddress(recipient);
      choice.put("address", address == null ? "" : address);
      return choice;
    }).toList();
    return new ModelAndView("notify/preferences", Map.of("token", token, "choices", choices, "saved", saved));
  }

  /** An erased or unknown customer: nothing to show, and nothing is sent to them anyway. */
  private static ModelAndView gone() {
    return new ModelAndView("notify/invalid-link",
        Map.of("reason", "There are no preferences to manage for this link any more."), HttpStatus.NOT_FOUND);
  }

  @ExceptionHandler(SignedLinks.ExpiredTokenException.class)
  ModelAndView expired(SignedLinks.ExpiredTokenException e, HttpServletRequest request) {
    return new ModelAndView("notify/expired-link",
        Map.of("reason", e.getMessage(), "action", freshLinkAction(request)),
        HttpStatus.GONE);
  }

  /**
   * The fresh-link form's action, relative to the expired link's page ({@code .../{token}}), so it
   * works behind a proxy that serves the app under a path of its own.
   */
  static String freshLinkAction(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.substring(path.lastIndexOf('/') + 1) + "/fresh-link";
  }

  @ExceptionHandler(SignedLinks.InvalidTokenException.class)
  ModelAndView invalid(SignedLinks.InvalidTokenException e) {
    return new ModelAndView("notify/invalid-link", Map.of("reason", e.getMessage()),
        e.forged() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST);
  }
}
