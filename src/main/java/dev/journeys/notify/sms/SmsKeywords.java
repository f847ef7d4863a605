package dev.journeys.notify.sms;

import dev.journeys.notify.Channel;
import dev.journeys.notify.ContactDirectory;
import dev.journeys.notify.PhoneNumbers;
import dev.journeys.notify.TwilioWebhooks;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inbound SMS keywords, as carriers and Twilio define them: STOP and its synonyms opt the sender
 * out of SMS, START or UNSTOP opt them back in. The whole message must be the keyword (any case,
 * surrounding spaces and a trailing full stop ignored), so "please don't stop" changes nothing.
 * The sender is found by phone number; every customer with that number is changed.
 */
@Component
class SmsKeywords {

  static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
  static final Set<String> START = Set.of("START", "UNSTOP");

  private static final Channel SMS = new Channel("sms");

  private static final Logger log = LoggerFactory.getLogger(SmsKeywords.class);

  private final ContactDirectory contacts;
  private final TwilioWebhooks events;
  private final JdbcClient jdbc;
  private final Clock clock;

  SmsKeywords(ContactDirectory contacts, TwilioWebhooks events, JdbcClient jdbc, Clock clock) {
    this.contacts = contacts;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Claims the inbound message by its provider id, once: a replay (the same signed request sent
   * again, or the provider retrying) finds it claimed.
   */
  boolean firstTime(String messageSid) {
    try {
      jdbc.sql("INSERT INTO sms_inbound (message_sid, received_at) VALUES (?, ?)")
          .params(messageSid, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
          .update();
      return true;
    } catch (DuplicateKeyException seen) {
      log.info("Inbound SMS {} was received before; acting on it once only", messageSid);
      return false;
    }
  }

  /** @param from the sender in E.164, as the provider sends it */
  void apply(String messageSid, String from, String body) {
    String keyword = body == null ? "" : body.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
    Boolean optIn = STOP.contains(keyword) ? Boolean.FALSE : START.contains(keyword) ? Boolean.TRUE : null;
    if (optIn == null) {
      // An ordinary reply: not ours to read or keep (it may hold personal data).
      events.recordEvent("inbound", messageSid, "other", null, "ignored");
      return;
    }
    List<String> customers = contacts.findByPhone(from.strip());
    if (customers.isEmpty()) {
      events.recordEvent("inbound", messageSid, keyword, null, "unknown-sender");
      log.info("{} from {}, a number no customer has; nothing to change", keyword, PhoneNumbers.mask(from));
      return;
    }
    String source = optIn ? "sms-start" : "sms-stop";
    for (String customerId : customers) {
      contacts.changeConsent(customerId, SMS, optIn, source);
      events.recordEvent("inbound", messageSid, keyword, customerId, optIn ? "opted-in" : "opted-out");
    }
    log.info("{} from {}: customers {} opted {} of SMS", keyword, PhoneNumbers.mask(from), customers,
        optIn ? "back in" : "out");
  }
}
