package dev.journeys.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Which channels of a send-message task the message goes out on. The channels header lists the
 * allowed ones in order of preference; what the customer agreed to and can receive narrows it,
 * channel by channel, at send time:
 *
 * <ul>
 *   <li>{@code channel-choice: first}: only the first channel the customer can receive it on (the
 *       customer's preferred channel); the default of transactional steps, so one piece of news is
 *       one message, not an email, an SMS and a push at once;
 *   <li>{@code channel-choice: all}: every listed channel the customer may get it on; the default
 *       of marketing steps (each channel needs its own consent and counts against the frequency
 *       cap), and available to any step a marketer wants loud;
 *   <li>a transactional message that reached the customer on none of its channels (no SMS opt-in,
 *       no textable number, the provider refused it) goes by email instead, even when the task did
 *       not list email: the customer must hear about their order. Marketing never falls back: each
 *       channel needs its own consent, and a channel without it is skipped with that reason.
 * </ul>
 *
 * A channel held for quiet hours counts as reached: the message waits for the morning on the
 * customer's preferred channel rather than going out at once on another. Every outcome is final or
 * repeatable (skips and refusals stay settled in the outbox), so a retried job walks the same
 * channels to the same choice.
 */
@Component
class ChannelChoice {

  static final String HEADER = "channel-choice";

  /** How many of the allowed channels get the message. */
  enum Mode {
    ALL,
    FIRST;

    /** Without a {@code channel-choice} header: one channel for news, every consented one for marketing. */
    static Mode defaultFor(Purpose purpose) {
      return purpose == Purpose.TRANSACTIONAL ? FIRST : ALL;
    }

    static Mode fromHeader(String value) {
      return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(value.strip())).findFirst()
          .orElseThrow(() -> SendFailure.permanent("Expected header '%s' to be all or first, but was '%s'"
              .formatted(HEADER, value)));
    }
  }

  private final MessageDispatcher dispatcher;
  private final Outbox outbox;
  private final Channels channels;

  ChannelChoice(MessageDispatcher dispatcher, Outbox outbox, Channels channels) {
    this.dispatcher = dispatcher;
    this.outbox = outbox;
    this.channels = channels;
  }

  void send(long elementInstanceKey, long jobKey, MessageRequest request) {
    send(elementInstanceKey, jobKey, request, null);
  }

  /** @param journey the BPMN process id of the task, recorded with each message for its outcomes; may be null */
  void send(long elementInstanceKey, long jobKey, MessageRequest request, String journey) {
    // A task naming a channel that does not exist is misconfigured: refused before anything is sent.
    request.channels().forEach(channels::require);
    List<Channel> missed = new ArrayList<>();
    for (Channel channel : request.channels()) {
      Outcome outcome = dispatcher.dispatch(elementInstanceKey, jobKey, channel, request, journey);
      if (reached(outcome)) {
        if (request.choice() == Mode.FIRST) {
          return;
        }
      } else {
        missed.add(channel);
      }
    }
    boolean reachedNone = missed.size() == request.channels().size();
    if (reachedNone && request.purpose() == Purpose.TRANSACTIONAL && !request.channels().contains(Channel.EMAIL)) {
      fallBackToEmail(elementInstanceKey, jobKey, request, missed, journey);
    }
  }

  private void fallBackToEmail(long elementInstanceKey, long jobKey, MessageRequest request, List<Channel> missed,
      String journey) {
    List<String> why = missed.stream().map(c -> c.key() + " (" + outbox.reason(elementInstanceKey, c) + ")").toList();
    Outbox.Entry email = dispatcher.entry(elementInstanceKey, jobKey, Channel.EMAIL, request, journey);
    outbox.fallback(email, "fallback-from " + String.join(", ", why).toLowerCase(Locale.ROOT));
    dispatcher.dispatch(elementInstanceKey, jobKey, Channel.EMAIL, request, journey);
  }

  /** Sent now, before, or held to be sent when quiet hours end. */
  private static boolean reached(Outcome outcome) {
    return switch (outcome) {
      case SENT, ALREADY_SENT, HELD -> true;
      case SKIPPED, REJECTED -> false;
    };
  }
}
