package dev.journeys.notify.sms;

import dev.journeys.faults.CrashPoints;
import dev.journeys.journey.ChannelKey;
import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.MessageChannel;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Outbox;
import dev.journeys.notify.Outcome;
import dev.journeys.notify.PhoneNumbers;
import dev.journeys.notify.ProviderHealth;
import dev.journeys.notify.Purpose;
import dev.journeys.notify.Recipient;
import dev.journeys.orders.Order;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sends one SMS, exactly once per element instance: consent and a textable mobile first, then
 * quiet hours, then render, claim, send, mark sent. After an attempt whose answer never came, the
 * provider is asked for the message before it is sent again. Either purpose needs the customer's SMS opt-in
 * (transactional texts respect channel opt-in too); email for the same step is decided apart.
 */
@Service
@ChannelKey("sms")
class SmsDispatcher implements MessageChannel {

  static final String NO_SMS_CONSENT = "no-sms-consent";

  private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);

  private final SmsComposer composer;
  private final SmsTransport transport;
  private final ChannelSupport support;
  private final JdbcClient jdbc;
  private final SmsProperties properties;

  SmsDispatcher(SmsComposer composer, SmsTransport transport, ChannelSupport support, JdbcClient jdbc,
      SmsProperties properties) {
    this.properties = properties;
    this.composer = composer;
    this.transport = transport;
    this.support = support;
    this.jdbc = jdbc;
  }

  @Override
  public Outcome dispatch(Outbox.Entry entry, MessageRequest request, Recipient recipient, Order order) {
    if (recipient.erased()) {
      return support.skip(entry, "erased");
    }
    // An order without a customer record carries no opt-in, so it gets no SMS either.
    if (!optedIn(recipient, request.purpose())) {
      return support.skip(entry, NO_SMS_CONSENT);
    }
    if (address(recipient) == null) {
      return support.skip(entry, "no-phone");
    }
    PhoneNumbers.Parsed number = PhoneNumbers.mobile(recipient.phone(), recipient.country());
    if (!number.mobile()) {
      return support.skip(entry, "undeliverable: " + number.problem());
    }
    Optional<Outcome> held = support.holdForQuietHours(this, entry, request, recipient);
    if (held.isPresent()) {
      return held.get();
    }
    // Rendered before the claim: a template problem must not leave the row leased.
    OutgoingSms sms = composer.compose(entry.messageId(), number.e164(), request, recipient, order);
    return support.sendOnce(entry, request, PhoneNumbers.mask(sms.to()), () -> send(entry, sms));
  }

  /** Either purpose needs the one SMS opt-in: transactional texts respect it too. */
  @Override
  public boolean optedIn(Recipient recipient, Purpose purpose) {
    return recipient.smsConsent();
  }

  @Override
  public String address(Recipient recipient) {
    return recipient.phone() == null || recipient.phone().isBlank() ? null : recipient.phone();
  }

  @Override
  public String title() {
    return "SMS";
  }

  @Override
  public String consentLabel() {
    return "Text messages (SMS) / 短信";
  }

  @Override
  public String maskedAddress(Recipient recipient) {
    return recipient.phone() == null ? null : PhoneNumbers.mask(recipient.phone());
  }

  /** With an account: whether journeys.sms.base-url answers (no credentials are sent). */
  @Override
  public Health health() {
    return transport instanceof SandboxSmsTransport
        ? ProviderHealth.sandbox() : ProviderHealth.probe(properties.baseUrl(), properties.timeout());
  }

  @Override
  public List<?> sandbox(int limit) {
    return SandboxSmsTransport.latest(jdbc, limit);
  }

  @Override
  public Optional<SandboxCopy> sandboxCopy(String messageId) {
    return SandboxSmsTransport.body(jdbc, messageId).map(body -> new SandboxCopy(null, body, null));
  }

  @Override
  public String sandboxTable() {
    return "sandbox_sms";
  }

  @Override
  public Map<String, Integer> erase(OutboxRows messages) {
    return Map.of("sandboxSms", SandboxSmsTransport.erase(jdbc, messages));
  }

  /** One attempt at the provider, the outbox row claimed; first the provider is asked about an earlier one. */
  private ChannelSupport.Accepted send(Outbox.Entry entry, OutgoingSms sms) {
    try {
      Optional<SmsTransport.Accepted> earlier = earlierAttempt(entry, sms);
      if (earlier.isPresent()) {
        support.record(entry, "found", "an earlier attempt reached the provider as " + earlier.get().providerId());
        log.info("Found {} sms for {} at the provider as {} after an attempt without an answer; not sent again",
            entry.template(), entry.messageId(), earlier.get().providerId());
        return accepted(earlier.get());
      }
      SmsTransport.Accepted accepted = transport.send(sms);
      CrashPoints.reached(CrashPoints.Point.AFTER_PROVIDER_ACCEPT);
      log.debug("{} for {} is {}", entry.messageId(), entry.template(), sms.count().describe());
      return accepted(accepted);
    } catch (SmsTransport.Refused refused) {
      throw new ChannelSupport.Refused(refused.getMessage());
    } catch (SmsTransport.Unavailable e) {
      throw new ChannelSupport.Unavailable(e.getMessage(), e.retryAfter(), e.unsure());
    }
  }

  private static ChannelSupport.Accepted accepted(SmsTransport.Accepted accepted) {
    return new ChannelSupport.Accepted(accepted.providerId(), accepted.status());
  }

  /**
   * The provider's record of this SMS from an earlier attempt that may have reached it (its answer
   * came too late, or the worker died mid-send); empty when there was none or the provider has none.
   */
  private Optional<SmsTransport.Accepted> earlierAttempt(Outbox.Entry entry, OutgoingSms sms) {
    Optional<Instant> since = support.unsureSince(entry);
    return since.isEmpty() ? Optional.empty() : transport.find(sms, since.get(), support::knownProviderId);
  }
}
