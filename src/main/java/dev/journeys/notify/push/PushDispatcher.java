package dev.journeys.notify.push;

import dev.journeys.journey.ChannelKey;
import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.ContactDirectory;
import dev.journeys.notify.MessageChannel;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Outbox;
import dev.journeys.notify.Outcome;
import dev.journeys.notify.ProviderHealth;
import dev.journeys.notify.Purpose;
import dev.journeys.notify.Recipient;
import dev.journeys.orders.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The push channel: one push notification to each of the customer's registered devices, exactly
 * once per element instance and channel in the outbox: a device is the opt-in for transactional
 * push, marketing push also needs push consent. A token the service reports unregistered is
 * removed and the others still get it; when none is left the message is recorded REJECTED. A retry
 * after a temporary failure sends to every device again (FCM has no idempotency key), so the
 * message id travels as data and the app drops a duplicate.
 */
@Service
@ChannelKey("push")
class PushDispatcher implements MessageChannel {

  private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

  private final PushComposer composer;
  private final PushTransport transport;
  private final ContactDirectory contacts;
  private final ChannelSupport support;
  private final JdbcClient jdbc;
  private final PushProperties properties;

  PushDispatcher(PushComposer composer, PushTransport transport, ContactDirectory contacts, ChannelSupport support,
      JdbcClient jdbc, PushProperties properties) {
    this.properties = properties;
    this.composer = composer;
    this.transport = transport;
    this.contacts = contacts;
    this.support = support;
    this.jdbc = jdbc;
  }

  @Override
  public Outcome dispatch(Outbox.Entry entry, MessageRequest request, Recipient recipient, Order order) {
    if (recipient.erased()) {
      return support.skip(entry, "erased");
    }
    if (recipient.customerId() == null) {
      return support.skip(entry, "no-device");
    }
    if (!optedIn(recipient, request.purpose())) {
      return support.skip(entry, "no-push-consent");
    }
    List<String> devices = contacts.devices(recipient.customerId());
    if (devices.isEmpty()) {
      return support.skip(entry, "no-device");
    }
    Optional<Outcome> held = support.holdForQuietHours(this, entry, request, recipient);
    if (held.isPresent()) {
      return held.get();
    }
    OutgoingPush push = composer.compose(entry.messageId(), request, recipient, order);
    return support.sendOnce(entry, request, devices.size() + " device(s)",
        () -> send(entry, push, recipient.customerId(), devices));
  }

  /** A registered device is the opt-in for transactional push; marketing push also needs consent. */
  @Override
  public boolean optedIn(Recipient recipient, Purpose purpose) {
    return purpose != Purpose.MARKETING || recipient.pushConsent();
  }

  /** Push reaches devices, not an address; the customer id finds them. */
  @Override
  public String address(Recipient recipient) {
    return recipient.customerId();
  }

  /** The preference centre's choice is marketing push: transactional push needs a device only. */
  @Override
  public String consentLabel() {
    return "App notifications / 应用通知";
  }

  @Override
  public List<String> startupProblems() {
    return support.checkTemplates(PushComposer.SUFFIX, "Push template",
        (request, recipient, order) -> composer.compose("check", request, recipient, order));
  }

  /** With a service account: whether journeys.push.base-url answers (no token is sent). */
  @Override
  public Health health() {
    return transport instanceof SandboxPushTransport
        ? ProviderHealth.sandbox() : ProviderHealth.probe(properties.baseUrl(), properties.timeout());
  }

  @Override
  public List<?> sandbox(int limit) {
    return SandboxPushTransport.latest(jdbc, limit);
  }

  /** The title and body the devices got (the same on each). */
  @Override
  public Optional<SandboxCopy> sandboxCopy(String messageId) {
    return jdbc.sql("SELECT title, body FROM sandbox_push WHERE message_id = ? ORDER BY id LIMIT 1")
        .param(messageId)
        .query((rs, n) -> new SandboxCopy(rs.getString(1), rs.getString(2), null))
        .optional();
  }

  /** The sandbox's copies of the customer's push messages: their titles and bodies name the order. */
  @Override
  public String sandboxTable() {
    return "sandbox_push";
  }

  @Override
  public Map<String, Integer> erase(OutboxRows messages) {
    int erased = jdbc.sql("DELETE FROM sandbox_push WHERE message_id IN (" + messages.messageIds() + ")")
        .params(messages.params())
        .update();
    return Map.of("sandboxPushes", erased);
  }

  /** Sends to every device; refused when no device took it, unavailable when the service is. */
  private ChannelSupport.Accepted send(Outbox.Entry entry, OutgoingPush push, String customerId, List<String> devices) {
    List<String> problems = new ArrayList<>();
    int delivered = 0;
    for (String device : devices) {
      try {
        transport.send(push, device);
        delivered++;
      } catch (PushTransport.Unregistered gone) {
        contacts.removeDevice(customerId, device);
        support.record(entry, "device-removed", SandboxPushTransport.tail(device) + ": " + gone.getMessage());
        log.info("Removed push device {} of customer {}: {}", SandboxPushTransport.tail(device), customerId, gone.getMessage());
        problems.add("unregistered");
      } catch (PushTransport.Refused refused) {
        problems.add(refused.getMessage());
      } catch (PushTransport.Unavailable e) {
        throw new ChannelSupport.Unavailable(e.getMessage(), e.retryAfter(), false);
      }
    }
    if (delivered == 0) {
      throw new ChannelSupport.Refused(String.join("; ", problems));
    }
    log.debug("Pushed {} for {} to {} of {} devices as {}", entry.template(), customerId, delivered, devices.size(),
        entry.messageId());
    return new ChannelSupport.Accepted(null, null);
  }
}
