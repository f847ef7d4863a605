package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a channel in a package of its own needs of notify, and no more: recording decisions in the
 * outbox, quiet hours, rendering its texts, and sending exactly once (claim the outbox row, send,
 * mark sent, or settle a refusal, or release the row for a retry with backoff). The outbox and the
 * rules shared by all channels stay package-private behind it.
 */
@Component
public class ChannelSupport {

  /**
   * The model variable a short text sets to true to leave the carrier's details out (a long link, a
   * pickup place) when the message would not fit with them.
   */
  public static final String COMPACT = OrderVariables.COMPACT;

  /**
   * The setting that sends every channel to its sandbox, whatever servers or accounts are
   * configured (the journey simulator sets it, so a simulation never reaches a customer). Each
   * channel's transport honours it.
   */
  public static final String SANDBOX_ONLY = "journeys.notify.sandbox-only";

  private static final Logger log = LoggerFactory.getLogger(ChannelSupport.class);

  private final OutboxDecisions decisions;
  private final Outbox outbox;
  private final QuietHours quietHours;
  private final NotifyProperties properties;
  private final MessageRenderer renderer;
  private final MessageModel models;

  ChannelSupport(OutboxDecisions decisions, Outbox outbox, QuietHours quietHours, NotifyProperties properties,
      MessageRenderer renderer, MessageModel models) {
    this.decisions = decisions;
    this.outbox = outbox;
    this.quietHours = quietHours;
    this.properties = properties;
    this.renderer = renderer;
    this.models = models;
  }

  /** Records that the message is not sent on this channel, and why (no-consent, no-phone, ...). */
  public Outcome skip(Outbox.Entry entry, String reason) {
    return decisions.skip(entry, reason);
  }

  /** Holds the message until the recipient's quiet hours on this channel end; empty to send now. */
  public Optional<Outcome> holdForQuietHours(MessageChannel channel, Outbox.Entry entry, MessageRequest request,
      Recipient recipient) {
    Optional<Instant> until = quietHours.holdUntil(channel, request.purpose(), recipient.zone());
    return until.map(at -> decisions.holdWithinCap(entry, request, at, OutboxDecisions.QUIET_HOURS));
  }

  /** The language tags to try for a recipient, most specific first, ending with the fallback (en). */
  public List<String> localeCandidates(Recipient recipient) {
    return MessageRenderer.candidates(recipient.locale());
  }

  /** Whether the template has a text of this channel (its file suffix, e.g. .whatsapp.txt) in this language. */
  public boolean hasText(String template, String tag, String suffix) {
    return renderer.hasText(template, tag, suffix);
  }

  /**
   * The most specific language tag the template has a text of this channel for.
   *
   * @param what what the file is, for the error, e.g. "a push text"
   * @throws RuntimeException a permanent job failure naming the template when it has none
   */
  public String localeFor(String template, Recipient recipient, String suffix, String what) {
    return renderer.textLocaleFor(template, recipient.locale(), suffix, what);
  }

  /** The variables a template sees for this message, the same for every channel. */
  public Map<String, Object> model(String tag, MessageRequest request, Recipient recipient, Order order) {
    return models.build(request, recipient, order, Locale.forLanguageTag(tag), null);
  }

  /**
   * Renders {template}/{tag}{suffix}; a missing variable fails the job naming it.
   *
   * @param model from {@link #model}
   */
  public String render(String template, String tag, String suffix, Map<String, Object> model) {
    return renderer.renderText(template, tag, suffix, model);
  }

  /** Renders the template's text of this channel with the message's model. */
  public String render(String suffix, String tag, MessageRequest request, Recipient recipient, Order order) {
    return render(request.template(), tag, suffix, model(tag, request, recipient, order));
  }

  /**
   * A failure retrying cannot fix (a template that renders too long): no retries, an incident at
   * once, with this message.
   */
  public static RuntimeException permanentFailure(String message) {
    return SendFailure.permanent(message);
  }

  /**
   * Composes this channel's message from every template it has ({template}/{locale}{suffix}) with
   * sample data for every branch the templates switch on, for a start-up check.
   *
   * @param what what the files are, for the problems, e.g. "Push template"
   * @return one problem per template that failed, naming it, the sample data and why
   */
  public List<String> checkTemplates(String suffix, String what, SampleCompose compose) {
    List<String> problems = new java.util.ArrayList<>();
    for (String file : TemplateSamples.templates(suffix)) {
      String template = file.substring(0, file.indexOf('/'));
      String locale = file.substring(file.indexOf('/') + 1, file.length() - suffix.length());
      for (Map<String, Object> facts : TemplateSamples.VARIANTS) {
        try {
          compose.compose(TemplateSamples.request(template, facts, Purpose.TRANSACTIONAL),
              TemplateSamples.recipient(locale), TemplateSamples.order(locale));
        } catch (SendFailure failure) {
          problems.add(what + " " + file + " failed validation with sample data " + facts + ": "
              + failure.getMessage());
          break;
        }
      }
    }
    return problems;
  }

  /** Composes one message of a channel from sample data; a template problem throws. */
  @FunctionalInterface
  public interface SampleCompose {
    void compose(MessageRequest request, Recipient recipient, Order order);
  }

  /** Adds a decision to the message's history (e.g. device-removed), with a detail. */
  public void record(Outbox.Entry entry, String decision, String detail) {
    outbox.decided(entry, decision, detail);
  }

  /**
   * When an earlier attempt at this message started that may have reached the provider without its
   * answer reaching us (so the provider may have taken it); empty when there was none.
   */
  public Optional<Instant> unsureSince(Outbox.Entry entry) {
    return Optional.ofNullable(outbox.unsureSince(entry)).map(java.time.OffsetDateTime::toInstant);
  }

  /** Whether a provider's message id belongs to a message the outbox recorded already. */
  public boolean knownProviderId(String providerId) {
    return outbox.holdsProviderId(providerId);
  }

  /**
   * Sends once: claims the outbox row within the frequency cap, sends, and records what came of it.
   *
   * @param to who it went to, masked, for the log
   */
  public Outcome sendOnce(Outbox.Entry entry, MessageRequest request, String to, Send send) {
    return switch (decisions.claimWithinCap(entry, request.purpose())) {
      case SENT -> Outcome.ALREADY_SENT;
      case SETTLED -> Outcome.SKIPPED;
      case HELD -> Outcome.HELD;
      case BUSY -> throw decisions.busy(entry);
      case CLAIMED -> send(entry, to, send);
    };
  }

  private Outcome send(Outbox.Entry entry, String to, Send send) {
    Accepted accepted;
    try {
      accepted = send.send();
    } catch (Refused refused) {
      outbox.markRejected(entry, "rejected", refused.getMessage());
      log.warn("The {} provider refused {} to {} for good ({}); settled it", entry.channel().key(),
          entry.messageId(), to, refused.getMessage());
      return Outcome.REJECTED;
    } catch (Unavailable e) {
      String reason = PhoneNumbers.maskAll(e.getMessage());
      if (e.unsure()) {
        outbox.releaseUnsure(entry, reason);
      } else {
        outbox.release(entry, reason);
      }
      Duration backoff = properties.retryBackoff(outbox.attempts(entry), e.retryAfter());
      throw SendFailure.retryable(
          "Expected to send %s to %s, but: %s".formatted(entry.messageId(), to, reason), backoff);
    }
    decisions.sent(entry, accepted.providerId(), DeliveryStatus.normalise(accepted.status()));
    log.info("Sent {} {} for {} to {} as {}", entry.template(), entry.channel().key(),
        OutboxDecisions.subject(entry), to, entry.messageId());
    return Outcome.SENT;
  }

  /** One attempt at the provider. */
  @FunctionalInterface
  public interface Send {

    /**
     * @throws Unavailable when the provider cannot take it now: retry later
     * @throws Refused when the provider refused it for good: do not retry
     */
    Accepted send();
  }

  /**
   * The provider took the message.
   *
   * @param providerId its id for status callbacks (Twilio's MessageSid); null when it gave none
   * @param status its first delivery status (queued, sent, ...); null when it gave none
   */
  public record Accepted(String providerId, String status) {}

  /**
   * The provider is overloaded or down, or did not answer in time. Unsure when the request may have
   * reached it (then it may have taken the message, and a retry may send it twice).
   */
  public static final class Unavailable extends RuntimeException {

    private final transient Duration retryAfter;
    private final boolean unsure;

    /** @param retryAfter the provider's Retry-After, or null */
    public Unavailable(String message, Duration retryAfter, boolean unsure) {
      super(message);
      this.retryAfter = retryAfter;
      this.unsure = unsure;
    }

    Duration retryAfter() {
      return retryAfter;
    }

    boolean unsure() {
      return unsure;
    }
  }

  /** A permanent refusal, with the provider's error code. */
  public static final class Refused extends RuntimeException {

    public Refused(String message) {
      super(message);
    }
  }
}
