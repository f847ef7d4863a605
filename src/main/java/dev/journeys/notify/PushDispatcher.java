package dev.journeys.notify;

import dev.journeys.journey.ChannelKey;
import dev.journeys.orders.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one push notification to each of the customer's registered devices, exactly once per
 * element instance and channel in the outbox: a device is the opt-in for transactional push,
 * marketing push also needs push consent. A token the service reports unregistered is removed and
 * the others still get it; when none is left the message is recorded REJECTED. A retry after a
 * temporary failure sends to every device again (FCM has no idempotency key), so the message id
 * travels as data and the app drops a duplicate.
 */
@Service
@ChannelKey("push")
class PushDispatcher implements MessageChannel {

  private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

  private final PushComposer composer;
  private final PushTransport transport;
  private final ContactDirectory contacts;
  private final Outbox outbox;
  private final OutboxDecisions decisions;
  private final QuietHours quietHours;
  private final NotifyProperties properties;
  private final JdbcClient jdbc;

  PushDispatcher(PushComposer composer, PushTransport transport, ContactDirectory contacts, Outbox outbox,
      OutboxDecisions decisions, QuietHours quietHours, NotifyProperties properties, JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.composer = composer;
    this.transport = transport;
    this.contacts = contacts;
    this.outbox = outbox;
    this.decisions = decisions;
    this.quietHours = quietHours;
    this.properties = properties;
  }

  @Override
  public Outcome dispatch(Outbox.Entry entry, MessageRequest request, Recipient recipient, Order order) {
    if (recipient.erased()) {
      return decisions.skip(entry, "erased");
    }
    if (recipient.customerId() == null) {
      return decisions.skip(entry, "no-device");
    }
    if (!optedIn(recipient, request.purpose())) {
      return decisions.skip(entry, "no-push-consent");
    }
    List<String> devices = contacts.devices(recipient.customerId());
    if (devices.isEmpty()) {
      return decisions.skip(entry, "no-device");
    }
    Optional<Instant> hold = quietHours.holdUntil(this, request.purpose(), recipient.zone());
    if (hold.isPresent()) {
      return decisions.holdWithinCap(entry, request, hold.get(), OutboxDecisions.QUIET_HOURS);
    }
    OutgoingPush push = composer.compose(entry.messageId(), request, recipient, order);
    return switch (decisions.claimWithinCap(entry, request.purpose())) {
      case SENT -> Outcome.ALREADY_SENT;
      case SETTLED -> Outcome.SKIPPED;
      case HELD -> Outcome.HELD;
      case BUSY -> throw decisions.busy(entry);
      case CLAIMED -> send(entry, push, recipient.customerId(), devices);
    };
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

  @Override
  public List<?> sandbox(int limit) {
    return SandboxPushTransport.latest(jdbc, limit);
  }

  private Outcome send(Outbox.Entry entry, OutgoingPush push, String customerId, List<String> devices) {
    List<String> problems = new ArrayList<>();
    int delivered = 0;
    for (String device : devices) {
      try {
        transport.send(push, device);
        delivered++;
      } catch (PushTransport.Unregistered gone) {
        contacts.removeDevice(customerId, device);
        outbox.decided(entry, "device-removed", SandboxPushTransport.tail(device) + ": " + gone.getMessage());
        log.info("Removed push device {} of customer {}: {}", SandboxPushTransport.tail(device), customerId, gone.getMessage());
        problems.add("unregistered");
      } catch (PushTransport.Refused refused) {
        problems.add(refused.getMessage());
      } catch (PushTransport.Unavailable e) {
        outbox.release(entry, e.getMessage());
        Duration backoff = properties.retryBackoff(outbox.attempts(entry), e.retryAfter());
        throw SendFailure.retryable("Expected to send push %s, but: %s".formatted(entry.messageId(), e.getMessage()), backoff);
      }
    }
    if (delivered == 0) {
      outbox.markRejected(entry, "rejected", String.join("; ", problems));
      return Outcome.REJECTED;
    }
    decisions.sent(entry, null, null);
    log.info("Sent {} push for {} to {} of {} devices as {}", entry.template(), OutboxDecisions.subject(entry),
        delivered, devices.size(), entry.messageId());
    return Outcome.SENT;
  }
}
